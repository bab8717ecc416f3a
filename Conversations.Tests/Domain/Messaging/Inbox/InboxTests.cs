using Conversations.Domain.Messaging;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class InboxTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task The_inbox_lists_conversations_most_recently_active_first_with_others_last_message_and_unread()
    {
        var people = await fixture.PeopleAsync(4);
        var (me, a, b, c) = (people[0], people[1], people[2], people[3]);
        var withA = (await fixture.StartAsync(a, "from a", me)).Value!.ConversationId;
        var withBC = (await fixture.StartAsync(me, "to b and c", b, c)).Value!.ConversationId;
        await fixture.ReplyAsync(a, withA, "a again");

        var page = (await fixture.Get<GetInbox>().HandleAsync(Actor.Person(me.Id))).Value!;

        page.Rows.Select(r => r.ConversationId).Should().Equal(withA, withBC);
        page.Rows[0].Others.Select(o => o.Id).Should().Equal(a.Id);
        page.Rows[0].LastMessage.Should().Be("a again");
        page.Rows[0].Unread.Should().Be(2);
        page.Rows[1].Others.Select(o => o.Id).Should().BeEquivalentTo([b.Id, c.Id]);
        page.Rows[1].Unread.Should().Be(0);
        page.Rows.Should().AllSatisfy(r => r.Others.Should().NotContain(o => o.Id == me.Id));
        page.Next.Should().BeNull();
    }

    [Fact]
    public async Task The_inbox_pages_through_every_conversation_once_in_order()
    {
        var me = await fixture.NewParticipantAsync();
        var others = await fixture.PeopleAsync(45);
        var expected = new List<Guid>();
        foreach (var other in others)
        {
            expected.Insert(
                0,
                (await fixture.StartAsync(other, $"hi from {other.Nickname}", me)).Value!.ConversationId
            );
        }

        var seen = new List<Guid>();
        InboxCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = (await fixture.Get<GetInbox>().HandleAsync(Actor.Person(me.Id), cursor)).Value!;
            seen.AddRange(page.Rows.Select(r => r.ConversationId));
            cursor = page.Next;
            pages++;
        } while (cursor is not null);

        pages.Should().Be(3);
        seen.Should().Equal(expected);
    }

    [Fact]
    public async Task A_long_last_message_is_cut_to_about_150_characters()
    {
        var (me, other) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        await fixture.StartAsync(other, new string('x', 400), me);

        var row = (await fixture.Get<GetInbox>().HandleAsync(Actor.Person(me.Id))).Value!.Rows.Single();

        row.LastMessage.Should().Be(new string('x', 150) + "…");
    }
}
