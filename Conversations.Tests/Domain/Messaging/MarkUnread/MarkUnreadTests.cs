using System.Collections.Concurrent;
using Conversations.Domain;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Domain;

public class MarkUnreadTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    private Task<Result<bool>> UnreadFromAsync(Actor reader, Guid conversation, long seq) =>
        fixture.Get<MarkUnread>().HandleAsync(reader, new ConversationId(conversation), seq);

    [Fact]
    public async Task Unread_from_a_message_makes_it_and_every_later_one_unread_again_in_the_inbox_and_on_the_badge()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(alice, "one", bob)).Value!.ConversationId;
        await fixture.ReplyAsync(alice, id, "two");
        await fixture.ReplyAsync(alice, id, "three");
        await fixture.Get<MarkRead>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id));
        (await fixture.UnreadAsync(bob)).Should().Be(0);

        (await UnreadFromAsync(Actor.Person(bob.Id), id, 2)).Value.Should().BeTrue();

        (await fixture.UnreadAsync(bob)).Should().Be(2, "messages two and three are unread again");
        var row = (await fixture.Get<GetInbox>().HandleAsync(Actor.Person(bob.Id))).Value!.Rows.Single();
        row.Unread.Should().Be(2);
        (await UnreadFromAsync(Actor.Person(bob.Id), id, 3))
            .Value.Should()
            .BeFalse("message three is unread already: the position never moves forward by unreading");
        (await fixture.UnreadAsync(bob)).Should().Be(2);
        (await fixture.UnreadAsync(alice)).Should().Be(0, "unreading is the reader's own");
    }

    [Fact]
    public async Task Ones_own_message_a_missing_message_and_a_strangers_conversation_are_refused_with_typed_problems()
    {
        var (alice, bob, stranger) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var id = (await fixture.StartAsync(alice, "one", bob)).Value!.ConversationId;
        await fixture.ReplyAsync(bob, id, "bob's own");

        (await UnreadFromAsync(Actor.Person(bob.Id), id, 2))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Single()
            .Code.Should()
            .Be(ProblemCodes.UnreadOwnMessage);
        (await UnreadFromAsync(Actor.Person(bob.Id), id, 9))
            .Problem.Should()
            .BeOfType<NotFound>()
            .Which.Code.Should()
            .Be(ProblemCodes.MessageNotFound);
        foreach (var target in new[] { id, Guid.NewGuid() })
        {
            (await UnreadFromAsync(Actor.Person(stranger.Id), target, 1))
                .Problem.Should()
                .Be(
                    new NotFound(ProblemCodes.ConversationNotFound),
                    "a stranger learns nothing, not even that it exists"
                );
        }
    }

    [Fact]
    public async Task A_manager_unreads_a_groups_conversation_for_themself_and_the_other_managers_keep_their_own_position()
    {
        var (alice, bob, dave) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(alice, admins: [bob]);
        var id = (await fixture.WriteAsync(Actor.Person(dave.Id), "to the group", group.Id)).Value!.ConversationId;
        await fixture.Get<MarkRead>().HandleAsync(alice.For(group), new ConversationId(id));
        await fixture.Get<MarkRead>().HandleAsync(bob.For(group), new ConversationId(id));

        (await UnreadFromAsync(alice.For(group), id, 1)).Value.Should().BeTrue();

        (await fixture.CountsAsync(alice)).ForGroup(group.Id).Should().Be(1);
        (await fixture.CountsAsync(bob)).ForGroup(group.Id).Should().Be(0);
        (await UnreadFromAsync(Actor.Person(alice.Id), id, 1))
            .Problem.Should()
            .Be(new NotFound(ProblemCodes.ConversationNotFound), "alice is not in it in her own name");
    }

    [Fact]
    public async Task Unreading_on_one_server_raises_the_badge_the_reader_watches_on_another_server()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(alice, "read me twice", bob)).Value!.ConversationId;
        await fixture.Get<MarkRead>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id));
        await using var serverA = Server();
        await using var serverB = Server();
        var heard = new[] { new ConcurrentQueue<int>(), new ConcurrentQueue<int>() };
        var watches = new List<UnreadWatch>();
        foreach (var (server, queue) in new[] { serverA, serverB }.Zip(heard))
        {
            var relay = server.GetRequiredService<NotificationRelay>();
            await relay.StartAsync(CancellationToken.None);
            await relay.Listening.WaitAsync(TimeSpan.FromSeconds(30));
            watches.Add(
                await server
                    .GetRequiredService<LiveUnread>()
                    .WatchAsync(bob.Id, counts =>
                    {
                        queue.Enqueue(counts.Total);
                        return Task.CompletedTask;
                    })
            );
        }

        watches.Should().OnlyContain(w => w.Current.Total == 0);

        (await serverA.GetRequiredService<MarkUnread>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id), 1))
            .Value.Should()
            .BeTrue();

        await Eventually.TrueAsync(() => heard.All(q => q.Contains(1)), "both servers' tabs show the unread message");
        watches.ForEach(w => w.Dispose());
        foreach (var server in new[] { serverA, serverB })
        {
            await server.GetRequiredService<NotificationRelay>().StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A second app server's worth of the domain on the same database: its own relay and live counts.</summary>
    private ServiceProvider Server()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConversationsDomain(fixture.ConnectionString, new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }
}
