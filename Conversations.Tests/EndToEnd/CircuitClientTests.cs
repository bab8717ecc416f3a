using Conversations.Bench.Circuits;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.EndToEnd;

/// <summary>
/// The bench's Blazor circuit client (Conversations.Bench/Circuits) against the real app: if a page starts making a JS
/// call the client cannot answer, or the circuit protocol changes, this fails here rather than in a long bench run.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CircuitClientTests(Browser browser)
{
    [Fact]
    public async Task The_bench_circuit_client_opens_an_inbox_as_a_browser_does_and_sees_its_badge_rise()
    {
        var page = await browser.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, "erin@example.org", "Demo!2345");
        var cookie = string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        using var http = new HttpClient();

        await using var circuit = await BlazorCircuit.OpenAsync(
            new Uri(browser.App.BaseUrl),
            "/conversations",
            cookie,
            http
        );
        var first = circuit.Badge!.Value;
        var profiles = browser.App.Services.GetRequiredService<FindProfile>();
        var (dave, erin) = ((await profiles.ByNicknameAsync("dave"))!, (await profiles.ByNicknameAsync("erin"))!);
        await browser
            .App.Services.GetRequiredService<StartConversation>()
            .HandleAsync(new StartConversationCommand(Actor.Person(dave.Id), [erin.Id], "Over a circuit"));

        await Eventually.TrueAsync(() => circuit.Badge == first + 1, "the page shows the new message on its badge");
        circuit.Error.Should().BeNull("every call the page made was answered as a browser's page answers it");
        circuit.RenderBatches.Should().BeGreaterThan(1, "the inbox rendered its rows and then the new one");
    }
}
