using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Security;

public class ConcurrencyTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Ten_participants_sending_twenty_messages_each_at_once_lose_nothing_keep_a_stable_order_and_exact_counts()
    {
        var people = await fixture.PeopleAsync(10);
        var id = (await fixture.StartAsync(people[0], "opening", [.. people.Skip(1)])).Value!.ConversationId;

        // Each person sends their 20 one after another; the ten people all at the same time.
        await Task.WhenAll(
            people.Select(person =>
                Task.Run(async () =>
                {
                    for (var i = 1; i <= 20; i++)
                    {
                        (await fixture.ReplyAsync(person, id, $"{person.Nickname} #{i}")).Succeeded.Should().BeTrue();
                    }
                })
            )
        );

        var all = await AllMessagesAsync(people[0], id);
        var again = await AllMessagesAsync(people[3], id);
        all.Should().HaveCount(201);
        all.Select(m => m.Seq)
            .Should()
            .Equal(Enumerable.Range(1, 201).Select(i => (long)i), "sequence numbers have no gap and no repeat");
        again.Select(m => m.Id).Should().Equal(all.Select(m => m.Id), "every reader sees one and the same order");
        foreach (var person in people)
        {
            all.Where(m =>
                    m.SenderId == person.Id && m.Body.StartsWith(person.Nickname + " #", StringComparison.Ordinal)
                )
                .Select(m => m.Body)
                .Should()
                .Equal(
                    Enumerable.Range(1, 20).Select(i => $"{person.Nickname} #{i}"),
                    "one sender's messages keep their order"
                );
            var lastOwn = all.Last(m => m.SenderId == person.Id).Seq;
            (await fixture.UnreadAsync(person))
                .Should()
                .Be((int)(201 - lastOwn), "unread is exactly what others sent after one's last message");
        }
    }

    [Fact]
    public async Task Fifty_people_writing_to_one_reader_at_the_same_moment_all_arrive_and_are_all_unread()
    {
        var reader = await fixture.NewParticipantAsync();
        var writers = await fixture.PeopleAsync(50);

        var results = await Task.WhenAll(
            writers.Select(w => Task.Run(() => fixture.StartAsync(w, $"hello from {w.Nickname}", reader)))
        );

        results.Should().AllSatisfy(r => r.Succeeded.Should().BeTrue());
        results.Select(r => r.Value!.ConversationId).Distinct().Should().HaveCount(50);
        (await fixture.UnreadAsync(reader)).Should().Be(50);
        var inbox = (await fixture.Get<GetInbox>().HandleAsync(Actor.Person(reader.Id), pageSize: 100)).Value!;
        inbox.Rows.Should().HaveCount(50).And.OnlyContain(r => r.Unread == 1);
        inbox.Rows.Select(r => r.LastActivityAt).Should().BeInDescendingOrder();
        await using var db = await fixture.DbAsync();
        (await db.ConversationMembers.CountAsync(m => m.ParticipantId == reader.Id)).Should().Be(50);
    }

    private async Task<List<MessageView>> AllMessagesAsync(Participant reader, Guid id)
    {
        var messages = new List<MessageView>();
        long? before = null;
        do
        {
            var page = (
                await fixture
                    .Get<GetConversation>()
                    .HandleAsync(Actor.Person(reader.Id), new ConversationId(id), before)
            ).Value!;
            messages.InsertRange(0, page.Messages);
            before = page.HasOlder ? page.Messages[0].Seq : null;
        } while (before is not null);

        return messages;
    }
}
