using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Bench.Circuits;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Conversations.Bench;

/// <summary>The live load's clients: hub connections that record every count, and Chromium tabs that show one.</summary>
public static partial class LiveLoad
{
    /// <summary>One participant's connection (a hub client or a Blazor circuit) and every count it was pushed, in order of arrival.</summary>
    private sealed class Client(Guid person, HubConnection? hub = null, BlazorCircuit? circuit = null)
    {
        private readonly List<(long At, int Count)> pushes = [];
        private int committed;

        public Guid Person { get; } = person;

        public HubConnection? Hub { get; } = hub;

        public BlazorCircuit? Circuit { get; } = circuit;

        public async ValueTask CloseAsync()
        {
            if (Hub is not null)
            {
                await Hub.DisposeAsync();
            }

            if (Circuit is not null)
            {
                await Circuit.DisposeAsync();
            }
        }

        /// <summary>The count pushed first (at connect); every message after it adds one.</summary>
        public int? Base { get; private set; }

        public int Last { get; private set; }

        public void Received(int count)
        {
            lock (pushes)
            {
                Base ??= count;
                Last = count;
                pushes.Add((Stopwatch.GetTimestamp(), count));
            }
        }

        /// <summary>One more message to this person has been committed; the count that includes it.</summary>
        public int Committed() => Base!.Value + Interlocked.Increment(ref committed);

        /// <summary>From <paramref name="committedAt"/> to the first push whose count includes the message; null when none did.</summary>
        public double? LatencyMs(int expected, long committedAt)
        {
            lock (pushes)
            {
                foreach (var (at, count) in pushes)
                {
                    if (count >= expected)
                    {
                        return Math.Max(0, Stopwatch.GetElapsedTime(committedAt, at).TotalMilliseconds);
                    }
                }
            }

            return null;
        }
    }

    /// <summary>A Chromium tab with a live circuit; its badge's spoken label says the count.</summary>
    private sealed partial class Tab(Guid person, IPage page)
    {
        public Guid Person { get; } = person;

        public async Task<int> BadgeAsync()
        {
            var label = await page.EvaluateAsync<string?>(
                """
                () => { const b = document.querySelector('.avatar-button .mud-badge'); return b && b.offsetParent !== null ? b.getAttribute('aria-label') : null; }
                """
            );
            // "3,710 unread messages": the count is written with the page's digit grouping
            return label is null
                ? 0
                : int.Parse(
                    string.Concat(Number().Match(label).Value.Where(char.IsAsciiDigit)),
                    CultureInfo.InvariantCulture
                );
        }

        [GeneratedRegex(@"\d[\d,.\u00A0\u202F]*")]
        private static partial Regex Number();
    }

    private static async Task ConnectAsync(
        ServerProcess server,
        List<Guid> people,
        Dictionary<Guid, string> cookies,
        List<Client> clients,
        int upTo
    )
    {
        var clock = Stopwatch.StartNew();
        var added = people
            .Skip(clients.Count)
            .Take(upTo - clients.Count)
            .Select(p => new Client(
                p,
                new HubConnectionBuilder()
                    .WithUrl(new Uri(new Uri(server.PublicUrl), "/hubs/unread"), o =>
                    {
                        o.Headers["Cookie"] = cookies[p];
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                    })
                    .Build()
            ))
            .ToList();
        foreach (var client in added)
        {
            client.Hub!.On<int>(UnreadCountMethod, client.Received);
        }

        await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, ct) =>
            await c.Hub!.StartAsync(ct)
        );
        await WaitAsync(() => Task.FromResult(added.All(c => c.Base is not null)), TimeSpan.FromSeconds(120));
        clients.AddRange(added);
        Console.WriteLine(
            $"{clients.Count:N0} hub connections open ({added.Count:N0} connected in {clock.Elapsed.TotalSeconds:0.0} s, each got its count)"
        );
    }

    private static async Task<List<Tab>> OpenTabsAsync(
        IBrowser browser,
        ServerProcess server,
        List<Guid> people,
        Dictionary<Guid, string> cookies
    )
    {
        var tabs = new List<Tab>();
        foreach (var person in people)
        {
            var context = await browser.NewContextAsync(new() { BaseURL = server.PublicUrl });
            context.SetDefaultTimeout(60_000);
            await context.AddCookiesAsync(BrowserCookies(cookies[person]));
            var page = await context.NewPageAsync();
            await page.GotoAsync("/conversations");
            await page.WaitForSelectorAsync(".avatar-button[data-interactive=true]");
            tabs.Add(new Tab(person, page));
        }

        return tabs;
    }
}
