using System.Collections.Concurrent;
using Conversations.Domain.Messaging;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class LiveUnreadTests(DomainFixture fixture) : IClassFixture<DomainFixture>, IAsyncLifetime
{
    private NotificationRelay Relay => fixture.Get<NotificationRelay>();

    private LiveUnread Unread => fixture.Get<LiveUnread>();

    public async Task InitializeAsync()
    {
        await Relay.StartAsync(CancellationToken.None);
        await Relay.Listening.WaitAsync(TimeSpan.FromSeconds(30)); // a deadline: a busy machine only takes longer
    }

    public Task DisposeAsync() => Relay.StopAsync(CancellationToken.None);

    [Fact]
    public async Task Every_watcher_of_one_person_on_a_server_shares_one_state_and_one_count_per_change()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var heard = Enumerable.Range(0, 5).Select(_ => new ConcurrentQueue<UnreadCounts>()).ToList();
        var watches = new List<UnreadWatch>();
        foreach (var queue in heard)
        {
            watches.Add(await Unread.WatchAsync(bob.Id, counts =>
                {
                    queue.Enqueue(counts);
                    return Task.CompletedTask;
                }));
        }

        watches.Should().OnlyContain(w => w.Current.Total == 0);
        var before = Unread.Watched;

        await fixture.StartAsync(alice, "one for five tabs", bob);

        await WaitUntilAsync(() => heard.All(q => q.Any(c => c.Total == 1)));
        var first = heard[0].Last(c => c.Total == 1);
        heard
            .Should()
            .OnlyContain(q => ReferenceEquals(q.Last(c => c.Total == 1), first), "one count, handed to every watcher");
        watches.ForEach(w => w.Dispose());
        Unread.Watched.Should().Be(before - 1, "the state goes when its last watcher does");
    }

    [Fact]
    public async Task A_state_goes_with_its_last_watch_and_counts_then_come_from_the_database()
    {
        var bob = await fixture.NewParticipantAsync();
        var before = Unread.Watched;

        using (var watch = await Unread.WatchAsync(bob.Id, _ => Task.CompletedTask))
        {
            watch.Current.Total.Should().Be(0);
        }

        Unread.Watched.Should().Be(before);
        (await Unread.CurrentAsync(bob.Id))
            .Total.Should()
            .Be(0, "without a live state the count comes from the database");
    }

    [Fact]
    public async Task A_watcher_hears_each_change_once_and_nothing_from_a_recount_that_finds_no_change()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var heard = new ConcurrentQueue<UnreadCounts>();
        using var watch = await Unread.WatchAsync(bob.Id, counts =>
        {
            heard.Enqueue(counts);
            return Task.CompletedTask;
        });

        await fixture.Get<ConversationNotifier>().DeliverToEveryoneAsync(new CountsMayBeStale()); // a recount that finds the same counts
        await fixture.StartAsync(alice, "news", bob);

        await WaitUntilAsync(() => heard.Any(c => c.Total == 1));
        heard
            .Select(c => c.Total)
            .Should()
            .Equal([1], "the starting count came with the watch, and the recount changed nothing");
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.TrueAsync(condition, "the state should have recounted by now");
}
