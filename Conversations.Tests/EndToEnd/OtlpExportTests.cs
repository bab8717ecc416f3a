using System.Collections.Concurrent;
using System.Text;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.EndToEnd;

/// <summary>
/// With an OTLP endpoint set (OpenTelemetry's own OTEL_EXPORTER_OTLP_* settings), the server pushes its traces and metrics
/// to it — here to a receiver that takes OTLP over HTTP the way a collector does, and keeps what arrives.
/// </summary>
[Collection(OneAppHostInTheProcess.Name)]
public class OtlpExportTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_set_requests_database_calls_and_product_metrics_are_pushed_to_it_without_message_text()
    {
        var received = new ConcurrentQueue<(string Signal, byte[] Body)>();
        await using var collector = await StartCollectorAsync(received);
        var endpoint = collector
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        await using var app = new AppHost(
            settings: new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            }
        );
        await app.InitializeAsync();
        var (alice, bob) = (await app.RegisterAsync(), await app.RegisterAsync());
        const string secret = "words for bob alone";
        await app.Get<StartConversation>()
            .HandleAsync(new StartConversationCommand(Actor.Person(alice.Id), [bob.Id], secret));
        using var visitor = WebSession.Anonymous(app);
        (await visitor.Client.GetAsync("/health/ready")).EnsureSuccessStatusCode();

        bool Arrived(string signal, string text) =>
            received.Any(r =>
                r.Signal == signal && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal)
            );
        await Eventually.TrueAsync(
            () =>
                Arrived("traces", "/health/ready")
                && Arrived("traces", "postgresql")
                && Arrived("metrics", "conversations.messages.sent"),
            "the exporter pushes spans of requests and database calls and the product's metrics",
            TimeSpan.FromSeconds(30)
        );
        received.Should().NotContain(r => Encoding.UTF8.GetString(r.Body).Contains(secret, StringComparison.Ordinal));
    }

    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<(string, byte[])> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        return collector;
    }
}
