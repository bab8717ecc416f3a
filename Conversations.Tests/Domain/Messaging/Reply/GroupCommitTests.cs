using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Conversations.Domain.Participants;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain;

/// <summary>Replies that arrive together share one transaction and one commit; each sender still gets their own answer.</summary>
public class GroupCommitTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Replies_sent_at_the_same_moment_share_commits_and_each_sender_gets_their_own_message()
    {
        using var batches = new BatchSizes(fixture.Get<ConversationsMetrics>().Meter);
        var people = await fixture.PeopleAsync(10);
        var pairs = new List<(Guid Conversation, Participant[] Members)>();
        for (var i = 0; i < people.Length; i += 2)
        {
            pairs.Add(
                (
                    (await fixture.StartAsync(people[i], "hello", people[i + 1])).Value!.ConversationId,
                    [people[i], people[i + 1]]
                )
            );
        }

        var conversations = pairs.Select(p => p.Conversation).ToList();
        var sends = (
            from pair in pairs
            from person in pair.Members
            from n in Enumerable.Range(0, 5)
            select (person, conversation: pair.Conversation)
        ).ToList();
        var results = await Task.WhenAll(
            sends.Select(s => fixture.ReplyAsync(s.person, s.conversation, $"from {s.person.Id}"))
        );

        results.Should().AllSatisfy(r => r.Succeeded.Should().BeTrue());
        results.Select(r => r.Value!.MessageId).Should().OnlyHaveUniqueItems();
        await using var db = await fixture.DbAsync();
        foreach (var ((person, conversation), result) in sends.Zip(results))
        {
            var stored = await db.Messages.SingleAsync(m => m.Id == result.Value!.MessageId);
            (stored.SenderId, stored.ConversationId, stored.Body)
                .Should()
                .Be((person.Id, conversation, $"from {person.Id}"));
        }

        foreach (var conversation in conversations)
        {
            (
                await db
                    .Messages.Where(m => m.ConversationId == conversation)
                    .OrderBy(m => m.Seq)
                    .Select(m => m.Seq)
                    .ToListAsync()
            )
                .Should()
                .Equal(Enumerable.Range(1, 11).Select(i => (long)i), "every reply is counted in, without gaps");
        }

        batches.Sizes.Sum().Should().Be(sends.Count, "every reply was written once");
        batches.Sizes.Should().Contain(size => size > 1, "replies arriving together are written by one transaction");
    }

    [Fact]
    public async Task A_repeated_client_token_in_a_shared_commit_fails_none_of_the_other_replies()
    {
        var people = await fixture.PeopleAsync(10);
        var conversation = (await fixture.StartAsync(people[0], "hello all", people[1..])).Value!.ConversationId;
        var token = Guid.NewGuid();
        var first = (await fixture.ReplyAsync(people[0], conversation, "sent once", token)).Value!;

        var results = await Task.WhenAll(
            people
                .Select(p => fixture.ReplyAsync(p, conversation, $"hi from {p.Id}"))
                .Append(fixture.ReplyAsync(people[0], conversation, "sent once", token))
        );

        results.Should().AllSatisfy(r => r.Succeeded.Should().BeTrue());
        results[^1]
            .Value!.MessageId.Should()
            .Be(first.MessageId, "the retry is answered with the message already sent");
        await using var db = await fixture.DbAsync();
        (await db.Messages.CountAsync(m => m.ConversationId == conversation)).Should().Be(1 + 1 + people.Length);
    }

    /// <summary>The sizes of the reply batches written through this fixture's services while it listens.</summary>
    private sealed class BatchSizes : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<long> sizes = new();

        public BatchSizes(Meter meter)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter && instrument.Name == "conversations.replies.batch_size")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, size, _, _) => sizes.Enqueue(size));
            listener.Start();
        }

        public IReadOnlyCollection<long> Sizes => sizes;

        public void Dispose() => listener.Dispose();
    }
}
