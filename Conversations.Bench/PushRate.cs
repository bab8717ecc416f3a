using System.Diagnostics;
using System.Security.Cryptography;
using Conversations.Bench.Generation;
using Conversations.Domain;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Push;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Conversations.Bench;

/// <summary>How fast the push outbox empties: pushes sent per second by <see cref="PushSender"/>.</summary>
public static partial class BenchmarkRun
{
    /// <summary>
    /// <paramref name="people"/> people of the data set, each with a device subscribed, each get a message (through the
    /// product's use case: the push rows are written in the message's transaction); then the sender's turns run until
    /// nothing is due — rules checked, badges counted, payloads encrypted and signed, posted — to a push endpoint in this
    /// process that answers 201 at once. Baseline: the same number of pushes encrypted, signed and posted by
    /// Lib.Net.Http.WebPush directly with the same parallelism, no database.
    /// </summary>
    private static async Task<Result> PushRateAsync(string connectionString, NpgsqlDataSource raw, int people)
    {
        var received = 0;
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.Logging.ClearProviders();
        receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/push/{device}", () =>
        {
            Interlocked.Increment(ref received);
            return Results.StatusCode(StatusCodes.Status201Created);
        });
        await receiver.StartAsync();
        var origin = receiver
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();

        var services = new ServiceCollection().AddLogging();
        services.AddConversationsDomain(
            connectionString,
            new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        ["Push:AllowedEndpoints:0"] = $"{origin}/push/",
                        ["Push:Delay"] = "00:00:00",
                        ["RateLimits:MessagesPerMinute"] = "100000000",
                        ["RateLimits:MessageBurst"] = "100000000",
                        ["RateLimits:ConversationsPerHour"] = "100000000",
                    }
                )
                .Build()
        );
        await using var provider = services.BuildServiceProvider();

        // A device's keys as a browser makes them: every subscription shares one here (each push is still encrypted anew).
        using var deviceKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = deviceKey.ExportParameters(false).Q;
        var p256dh = Base64Url([0x04, .. point.X!, .. point.Y!]);
        var auth = Base64Url(RandomNumberGenerator.GetBytes(16));

        var sender = Shape.PersonId(1);
        var recipients = new List<Guid>();
        await using (var connection = await raw.OpenConnectionAsync())
        await using (
            var command = new NpgsqlCommand(
                """
                SELECT "Id" FROM "Participants"
                 WHERE NOT "IsGroup" AND "DeletedAt" IS NULL AND "Id" <> ALL(@not) AND NOT "StrangersAsRequests"
                 ORDER BY "Id" OFFSET 5000 LIMIT @n
                """,
                connection
            )
        )
        {
            command.Parameters.AddWithValue("not", new[] { sender, Heavy });
            command.Parameters.AddWithValue("n", people);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                recipients.Add(reader.GetGuid(0));
            }
        }

        var sessions = new List<Guid>();
        var subscriptions = provider.GetRequiredService<PushSubscriptions>();
        foreach (var (person, i) in recipients.Select((p, i) => (p, i)))
        {
            var session = await provider.GetRequiredService<SignInSessions>().StartAsync(person);
            sessions.Add(session);
            (
                await subscriptions.SubscribeAsync(
                    new PersonId(person),
                    new SessionId(session),
                    new DeviceSubscription($"{origin}/push/{i}", p256dh, auth)
                )
            ).Succeeded.Should();
        }

        async Task WriteToAsync(IEnumerable<Guid> readers)
        {
            foreach (var person in readers)
            {
                var started = await provider
                    .GetRequiredService<StartConversation>()
                    .HandleAsync(
                        new StartConversationCommand(Actor.Person(sender), [person], "A message for the push bench")
                    );
                if (!started.Succeeded)
                {
                    throw new InvalidOperationException(
                        $"The push bench could not write to {person}: {started.Problem}"
                    );
                }
            }
        }

        // A first round warms up (the sender's code compiled, its statements prepared), then the measured one.
        var pushSender = provider.GetRequiredService<PushSender>();
        await WriteToAsync(recipients.Take(50));
        while (await pushSender.SendDueAsync() > 0)
        {
            // every due row
        }

        await WriteToAsync(recipients);
        received = 0;
        var clock = Stopwatch.StartNew();
        while (await pushSender.SendDueAsync() > 0)
        {
            // every due row
        }

        var ours = received / clock.Elapsed.TotalSeconds;
        var sentByUs = received;

        // The baseline: the same pushes, straight from the library to the endpoint.
        var vapid = await provider.GetRequiredService<VapidKeys>().GetAsync();
        using var http = new HttpClient();
        var client = new PushServiceClient(http)
        {
            DefaultAuthentication = new VapidAuthentication(vapid.PublicKey, vapid.PrivateKey)
            {
                Subject = "mailto:bench@conversations.invalid",
            },
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
        };
        received = 0;
        clock.Restart();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, sentByUs),
            new ParallelOptions { MaxDegreeOfParallelism = PushSender.Concurrency },
            async (i, token) =>
            {
                var subscription = new Lib.Net.Http.WebPush.PushSubscription { Endpoint = $"{origin}/push/{i}" };
                subscription.SetKey(PushEncryptionKeyName.P256DH, p256dh);
                subscription.SetKey(PushEncryptionKeyName.Auth, auth);
                var payload =
                    $$"""{"title":"New message from Someone","body":"","tag":"conversation-{{Guid.NewGuid():N}}","url":"/conversations/{{Guid.NewGuid()}}","unread":1}""";
                await client.RequestPushMessageDeliveryAsync(
                    subscription,
                    new Lib.Net.Http.WebPush.PushMessage(payload) { TimeToLive = 86400 },
                    token
                );
            }
        );
        var baseline = received / clock.Elapsed.TotalSeconds;

        await using (var connection = await raw.OpenConnectionAsync())
        {
            // The devices go (their rows with them), then their sessions; the messages stay, as the send rows' do.
            foreach (
                var sql in new[]
                {
                    """DELETE FROM "PushSubscriptions" WHERE "SessionId" = ANY(@sessions)""",
                    """DELETE FROM "SignInSessions" WHERE "Id" = ANY(@sessions)""",
                }
            )
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("sessions", sessions.ToArray());
                await command.ExecuteNonQueryAsync();
            }
        }

        await receiver.StopAsync();
        return new Result(
            $"pushes sent per second from the outbox ({people} people)",
            "/s",
            ours,
            baseline,
            "≥ 0.5× the bare library",
            ours >= 0.5 * baseline,
            $"{sentByUs} pushes: each turn of 50 checks the rules, counts each person's badge, encrypts, signs and posts {PushSender.Concurrency} at a time; baseline encrypts, signs and posts as many"
        );
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void Should(this bool succeeded)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException("A device could not be subscribed for the push bench");
        }
    }
}
