using System.Collections.Concurrent;
using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain;

public class NotificationRelayTests(DomainFixture fixture) : IClassFixture<DomainFixture>, IAsyncLifetime
{
    private NotificationRelay Relay => fixture.Get<NotificationRelay>();

    public async Task InitializeAsync()
    {
        await Relay.StartAsync(CancellationToken.None);
        await Relay.Listening.WaitAsync(TimeSpan.FromSeconds(30)); // a deadline: a busy machine only takes longer
    }

    public Task DisposeAsync() => Relay.StopAsync(CancellationToken.None);

    [Fact]
    public async Task The_relay_delivers_committed_messages_and_never_rolled_back_ones()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var heard = new ConcurrentQueue<ConversationEvent>();
        using var _ = Hear(bob.Id, heard);
        var id = (await fixture.StartAsync(alice, "first", bob)).Value!.ConversationId;
        await SettleAsync(heard);

        await using (var db = await fixture.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await MessageAppender.AppendAsync(
                db,
                id,
                Actor.Person(alice.Id),
                "never sent",
                null,
                new RateLimitOptions(),
                CancellationToken.None
            );
            await transaction.RollbackAsync();
        }

        var committed = await fixture.ReplyAsync(alice, id, "sent");

        await WaitUntilAsync(() => heard.Count >= 1);
        await AfterEverythingBeforeAsync((bob.Id, heard)); // a wrongly relayed extra event would have come first
        heard
            .Should()
            .ContainSingle()
            .Which.Should()
            .Be(new MessagePosted(id, new ParticipantId(alice.Id), committed.Value!.Seq));
        committed.Value.Seq.Should().Be(2, "the rolled-back message left no trace either");
    }

    [Fact]
    public async Task A_relay_stopped_is_no_longer_listening_and_started_again_says_so_once_its_listen_runs()
    {
        await Relay.Listening.WaitAsync(TimeSpan.FromSeconds(30));

        await Relay.StopAsync(CancellationToken.None);
        Relay.Listening.IsCompleted.Should().BeFalse("a stopped relay hears nothing");

        await Relay.StartAsync(CancellationToken.None);
        await Relay.Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var heard = new ConcurrentQueue<ConversationEvent>();
        using var _ = Hear(bob.Id, heard);
        await fixture.StartAsync(alice, "after the restart", bob);
        await WaitUntilAsync(() => !heard.IsEmpty);
    }

    [Fact]
    public async Task Reading_a_conversation_is_relayed_to_the_reader_only()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var toBob = new ConcurrentQueue<ConversationEvent>();
        var toAlice = new ConcurrentQueue<ConversationEvent>();
        using var b = fixture
            .Get<ConversationNotifier>()
            .Subscribe(bob.Id, e =>
            {
                toBob.Enqueue(e);
                return Task.CompletedTask;
            });
        using var a = fixture
            .Get<ConversationNotifier>()
            .Subscribe(alice.Id, e =>
            {
                toAlice.Enqueue(e);
                return Task.CompletedTask;
            });
        var id = (await fixture.StartAsync(alice, "read me", bob)).Value!.ConversationId;
        await SettleAsync(toBob);
        await SettleAsync(toAlice);

        await fixture.Get<MarkRead>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id));

        await WaitUntilAsync(() => !toBob.IsEmpty);
        toBob.Should().ContainSingle().Which.Should().Be(new ConversationRead(id, new PersonId(bob.Id)));
        toAlice.Should().BeEmpty();
    }

    [Fact]
    public async Task After_its_connection_is_killed_the_relay_reconnects_and_asks_watchers_to_reload()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var heard = new ConcurrentQueue<ConversationEvent>();
        using var _ = Hear(bob.Id, heard);
        var id = (await fixture.StartAsync(alice, "before", bob)).Value!.ConversationId;
        await SettleAsync(heard);
        var reconnections = Relay.Reconnections;

        await using (var db = await fixture.DbAsync())
        {
            var killed = await db
                .Database.SqlQuery<bool>(
                    $"""
                    SELECT pg_terminate_backend(pid) AS "Value" FROM pg_stat_activity
                    WHERE application_name = 'conversations-relay' AND datname = current_database()
                    """
                )
                .ToListAsync();
            killed.Should().NotBeEmpty();
        }

        await WaitUntilAsync(() => Relay.Reconnections > reconnections);
        await Relay.Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var after = await fixture.ReplyAsync(alice, id, "after");

        await WaitUntilAsync(() => heard.OfType<MessagePosted>().Any());
        heard.OfType<CountsMayBeStale>().Should().ContainSingle();
        heard.OfType<MessagePosted>().Should().ContainSingle().Which.Seq.Should().Be(after.Value!.Seq);
    }

    [Fact]
    public async Task Screens_still_reloading_after_a_reconnect_do_not_keep_the_relay_from_delivering_new_messages()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var heard = new ConcurrentQueue<ConversationEvent>();
        var reloading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slowScreen = fixture
            .Get<ConversationNotifier>()
            .Subscribe(bob.Id, async e =>
            {
                if (e is CountsMayBeStale)
                {
                    await reloading.Task; // a reload that waits for a busy database
                }
            });
        using var _ = Hear(bob.Id, heard);
        var id = (await fixture.StartAsync(alice, "before", bob)).Value!.ConversationId;
        await SettleAsync(heard);
        var reconnections = Relay.Reconnections;

        await using (var db = await fixture.DbAsync())
        {
            await db
                .Database.SqlQuery<bool>(
                    $"""
                    SELECT pg_terminate_backend(pid) AS "Value" FROM pg_stat_activity
                    WHERE application_name = 'conversations-relay' AND datname = current_database()
                    """
                )
                .ToListAsync();
        }

        try
        {
            await WaitUntilAsync(() => Relay.Reconnections > reconnections);
            // Listening again (reading new notifications as they come, not only at the connection's next keepalive) while a screen still reloads.
            await Relay.Listening.WaitAsync(TimeSpan.FromSeconds(30));
            reloading.Task.IsCompleted.Should().BeFalse();
            var after = await fixture.ReplyAsync(alice, id, "after");

            await WaitUntilAsync(() => heard.OfType<MessagePosted>().Any());
            heard.OfType<MessagePosted>().Should().ContainSingle().Which.Seq.Should().Be(after.Value!.Seq);
        }
        finally
        {
            reloading.TrySetResult(); // the slow screen finishes; the relay can stop
        }
    }

    /// <summary>Waits for the set-up's own event to arrive, then forgets it.</summary>
    [Fact]
    public async Task A_message_to_a_group_is_relayed_to_its_managers_and_not_to_its_plain_members()
    {
        var people = await fixture.PeopleAsync(4);
        var (alice, bob, carol, dave) = (people[0], people[1], people[2], people[3]);
        var heard = people.Take(3).ToDictionary(p => p.Id, _ => new ConcurrentQueue<ConversationEvent>());
        var subscriptions = heard
            .Select(h =>
                fixture
                    .Get<ConversationNotifier>()
                    .Subscribe(h.Key, e =>
                    {
                        h.Value.Enqueue(e);
                        return Task.CompletedTask;
                    })
            )
            .ToList();
        var group = await fixture.NewGroupAsync(alice, admins: [bob], members: [carol]);
        // The role changes are relayed too (bob: added, promoted; carol: added); once they are in, start afresh.
        await WaitUntilAsync(() => heard[bob.Id].Count == 2 && heard[carol.Id].Count == 1);
        foreach (var queue in heard.Values)
        {
            queue.Clear();
        }

        var sent = (await fixture.WriteAsync(Actor.Person(dave.Id), "to the managers", group.Id)).Value!;

        await WaitUntilAsync(() => !heard[alice.Id].IsEmpty && !heard[bob.Id].IsEmpty);
        await AfterEverythingBeforeAsync([.. heard.Select(h => (h.Key, h.Value))]);
        var expected = new MessagePosted(sent.ConversationId, new ParticipantId(dave.Id), 1);
        heard[alice.Id].Should().ContainSingle().Which.Should().Be(expected);
        heard[bob.Id].Should().ContainSingle().Which.Should().Be(expected);
        heard[carol.Id].Should().BeEmpty();
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task A_manager_removed_from_a_group_is_told_so_their_screens_recount()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var heard = new ConcurrentQueue<ConversationEvent>();
        using var _ = Hear(bob.Id, heard);
        var group = await fixture.NewGroupAsync(alice, admins: [bob]);
        await WaitUntilAsync(() => heard.Count == 2); // added, then promoted
        heard.Clear();

        await fixture
            .Get<RemoveGroupMember>()
            .HandleAsync(
                new RemoveGroupMemberCommand(new PersonId(alice.Id), new GroupId(group.Id), new PersonId(bob.Id))
            );

        await WaitUntilAsync(() => !heard.IsEmpty);
        heard
            .Should()
            .ContainSingle()
            .Which.Should()
            .Be(new GroupRolesChanged(new GroupId(group.Id), new PersonId(bob.Id)));
    }

    /// <summary>
    /// Publishes a marker event to each listener and waits until every one has heard it, then removes it. The relay
    /// delivers in commit order over one connection, so anything relayed before the marker has arrived by then: a
    /// condition to wait for instead of a pause that hopes to be long enough.
    /// </summary>
    private async Task AfterEverythingBeforeAsync(
        params (Guid Person, ConcurrentQueue<ConversationEvent> Heard)[] listeners
    )
    {
        var marker = Guid.NewGuid();
        await using (var db = await fixture.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var (person, _) in listeners)
            {
                await EventPublisher.PublishAsync(
                    db,
                    EventEnvelope.RolesChanged(new GroupRolesChanged(new GroupId(marker), new PersonId(person))),
                    CancellationToken.None
                );
            }

            await transaction.CommitAsync();
        }

        foreach (var (person, heard) in listeners)
        {
            var expected = new GroupRolesChanged(new GroupId(marker), new PersonId(person));
            await WaitUntilAsync(() => heard.Contains(expected));
            var rest = heard.Where(e => !e.Equals(expected)).ToList();
            heard.Clear();
            rest.ForEach(heard.Enqueue);
        }
    }

    /// <summary>Every event the notifier delivers to <paramref name="person"/>, into <paramref name="heard"/>.</summary>
    private IDisposable Hear(Guid person, ConcurrentQueue<ConversationEvent> heard) =>
        fixture
            .Get<ConversationNotifier>()
            .Subscribe(person, e =>
            {
                heard.Enqueue(e);
                return Task.CompletedTask;
            });

    private static async Task SettleAsync(ConcurrentQueue<ConversationEvent> heard)
    {
        await WaitUntilAsync(() => !heard.IsEmpty);
        heard.Clear();
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.TrueAsync(condition, "the relay should have delivered by now");
}
