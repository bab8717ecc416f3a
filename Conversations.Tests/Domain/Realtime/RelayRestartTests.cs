using System.Collections.Concurrent;
using Conversations.Domain;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Tests.Domain;

/// <summary>On a PostgreSQL server of its own, which this test restarts.</summary>
public class RelayRestartTests
{
    [Fact]
    public async Task After_a_PostgreSQL_restart_the_relay_reconnects_screens_reload_their_counts_and_no_message_is_lost()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE restart_test", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = cluster.ConnectionString.Replace(
            "Database=postgres",
            "Database=restart_test",
            StringComparison.Ordinal
        );
        await using (
            var db = new ConversationsDbContext(
                new DbContextOptionsBuilder<ConversationsDbContext>().UseNpgsql(connectionString).Options
            )
        )
        {
            await db.Database.MigrateAsync();
        }

        var services = new ServiceCollection().AddLogging();
        services.AddConversationsDomain(connectionString, new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        var relay = provider.GetRequiredService<NotificationRelay>();
        await relay.StartAsync(CancellationToken.None);
        await relay.Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var (alice, bob) = (
            await RegisterAsync(provider, "restart_alice"),
            await RegisterAsync(provider, "restart_bob")
        );
        var heard = new ConcurrentQueue<ConversationEvent>();
        using var subscription = provider
            .GetRequiredService<ConversationNotifier>()
            .Subscribe(bob, e =>
            {
                heard.Enqueue(e);
                return Task.CompletedTask;
            });
        var id = (
            await provider
                .GetRequiredService<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(alice), [bob], "before the restart"))
        )
            .Value!
            .ConversationId;
        await WaitForAsync(heard, e => e is MessagePosted { Seq: 1 });

        await cluster.RestartAsync();
        NpgsqlConnection.ClearAllPools(); // the pool's connections died with the server; the relay must find its own way back

        await WaitForAsync(heard, e => e is CountsMayBeStale);
        var after = await provider
            .GetRequiredService<Reply>()
            .HandleAsync(new ReplyCommand(Actor.Person(alice), new ConversationId(id), "after the restart"));
        await WaitForAsync(heard, e => e is MessagePosted { Seq: 2 });

        after.Succeeded.Should().BeTrue();
        (await provider.GetRequiredService<CountUnread>().HandleAsync(bob)).Total.Should().Be(2);
        (await provider.GetRequiredService<GetConversation>().HandleAsync(Actor.Person(bob), new ConversationId(id)))
            .Value!.Messages.Select(m => m.Body)
            .Should()
            .Equal("before the restart", "after the restart");
        await relay.StopAsync(CancellationToken.None);
    }

    private static async Task<Guid> RegisterAsync(IServiceProvider provider, string nickname)
    {
        await using var scope = provider.CreateAsyncScope();
        var result = await scope
            .ServiceProvider.GetRequiredService<RegisterParticipant>()
            .HandleAsync(new Registration($"{nickname}@example.org", "Secret!123", nickname, nickname));
        // Anyone may write to them: the test is about the relay, not about message requests.
        await scope
            .ServiceProvider.GetRequiredService<SetMessagePreference>()
            .HandleAsync(result.Value!.Id, Conversations.Domain.Messaging.WhoMayWrite.Anyone);
        return result.Value!.Id;
    }

    private static async Task WaitForAsync(
        ConcurrentQueue<ConversationEvent> heard,
        Func<ConversationEvent, bool> match
    )
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!heard.Any(match))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the relay should have delivered by now");
            await Task.Delay(50);
        }
    }
}
