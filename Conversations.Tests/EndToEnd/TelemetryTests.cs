using Conversations.Domain.Messaging;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;

namespace Conversations.Tests.EndToEnd;

/// <summary>
/// The gauges an operator scrapes, when the Prometheus endpoint is turned on. Runs alone: in one process the OpenTelemetry
/// SDK feeds the same-named instruments of every app host into one stream and drops that stream when any host's meter is
/// disposed, so another test's host shutting down mid-test would empty this host's scrape (a test-process artefact: a
/// real server has one host).
/// </summary>
[Collection(OneAppHostInTheProcess.Name)]
public class TelemetryTests : IAsyncLifetime
{
    private readonly AppHost app = new(settings: new Dictionary<string, string> { ["Telemetry:Prometheus"] = "true" });

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task Messages_sent_and_refused_are_counted_by_reason_without_their_text()
    {
        await app.Get<NotificationRelay>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var (alice, bob) = (await app.RegisterAsync(), await app.RegisterAsync());
        const string secret = "a private sentence nobody else may read";
        await app.Get<StartConversation>()
            .HandleAsync(new StartConversationCommand(Actor.Person(alice.Id), [bob.Id], secret));
        await app.Get<StartConversation>()
            .HandleAsync(new StartConversationCommand(Actor.Person(alice.Id), [bob.Id], "   "));
        using var visitor = WebSession.Anonymous(app);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string metrics;
        while (true)
        {
            metrics = await visitor.Client.GetStringAsync("/metrics");
            if (
                metrics.Contains("conversations_messages_sent", StringComparison.Ordinal)
                && metrics.Contains("conversations_sends_refused", StringComparison.Ordinal)
                && metrics.Contains("conversations_push_latency", StringComparison.Ordinal)
            )
            {
                break;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the scrape shows the counters once they have values");
            await Task.Delay(100); // the exporter refreshes what it serves now and then
        }

        metrics.Should().MatchRegex(@"conversations_messages_sent_total(\{[^}]*\})? [1-9]");
        metrics.Should().MatchRegex(@"conversations_sends_refused_total\{[^}]*reason=""invalid""[^}]*\} 1");
        metrics.Should().Contain("db_client_").And.Contain("conversations_push_latency").And.NotContain(secret);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OneAppHostInTheProcess
{
    public const string Name = "One app host in the process";
}
