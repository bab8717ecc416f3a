using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversations.Bench.Circuits;

/// <summary>
/// One browser window's Blazor Server circuit, spoken as blazor.web.js speaks it (as ASP.NET Core's "Ignitor" load
/// client did): the prerendered page is fetched with the participant's cookie, its component markers are read,
/// <c>/_blazor</c> is opened with the blazorpack (MessagePack) protocol, the circuit is started and the prerendered
/// components are attached; every render batch is acknowledged and the JS interop calls the pages make (the app's modules
/// and MudBlazor's) are answered as a browser's would be. The unread badge is read from the count the page hands to the
/// app icon (<c>conversationsApp.setAppBadge</c>), which the layout calls after every render that changed it.
/// <c>BENCH_CIRCUIT_TRACE=1</c> prints every JS call the server makes and the disconnect's answer.
/// </summary>
public sealed partial class BlazorCircuit : IAsyncDisposable
{
    private readonly HubConnection hub;
    private readonly List<(long At, double UnixMs, int Count)> badges = [];
    private readonly TaskCompletionSource firstBadge = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long nextObjectId;
    private long renderBytes;
    private int renderBatches;

    private BlazorCircuit(HubConnection hub, Uri site, string cookie, HttpClient http) =>
        (this.hub, this.site, this.cookie, this.http) = (hub, site, cookie, http);

    private readonly Uri site;
    private readonly string cookie;
    private readonly HttpClient http;
    private string? circuitId;

    /// <summary>From the page's request to its first badge: what a person waits before the page answers clicks.</summary>
    public TimeSpan TimeToInteractive { get; private set; }

    /// <summary>The prerendered page's answer alone.</summary>
    public TimeSpan Prerender { get; private set; }

    public int RenderBatches => renderBatches;

    public long RenderBytes => Interlocked.Read(ref renderBytes);

    /// <summary>What the server reported as a circuit error (<c>JS.Error</c>), if anything.</summary>
    public string? Error { get; private set; }

    /// <summary>The last count the page showed (null before the first).</summary>
    public int? Badge
    {
        get
        {
            lock (badges)
            {
                return badges.Count == 0 ? null : badges[^1].Count;
            }
        }
    }

    /// <summary>Called with (count, Stopwatch timestamp) for every badge the page shows.</summary>
    public event Action<int, long>? BadgeShown;

    /// <summary>Opens <paramref name="path"/> as the person whose cookies are <paramref name="cookie"/>, until its first badge.</summary>
    public static async Task<BlazorCircuit> OpenAsync(
        Uri site,
        string path,
        string cookie,
        HttpClient http,
        CancellationToken cancellationToken = default
    )
    {
        var started = Stopwatch.GetTimestamp();
        var pageUri = new Uri(site, path);
        string html;
        using (var request = new HttpRequestMessage(HttpMethod.Get, pageUri))
        {
            request.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
            }

            html = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        var prerender = Stopwatch.GetElapsedTime(started);
        var markers = Markers()
            .Matches(html)
            .Select(m => m.Groups[1].Value)
            .Where(m => m.Contains("\"descriptor\""))
            .ToList();
        var state = ComponentState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"GET {path}: no interactive component on the page");
        }

        var builder = new HubConnectionBuilder().WithUrl(new Uri(site, "/_blazor"), HttpTransportType.WebSockets, o =>
        {
            o.Headers["Cookie"] = cookie;
            o.SkipNegotiation = true;
        });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var hub = builder.Build();
        hub.ServerTimeout = TimeSpan.FromMinutes(5); // a busy generator must not drop circuits for want of a ping
        var circuit = new BlazorCircuit(hub, site, cookie, http) { Prerender = prerender };
        hub.On<long, byte[]>("JS.RenderBatch", circuit.OnRenderBatchAsync);
        hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", circuit.OnBeginInvokeJSAsync);
        hub.On<string>("JS.Error", error =>
        {
            circuit.Error = error;
            circuit.firstBadge.TrySetException(new InvalidOperationException($"circuit error: {error}"));
        });
        hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        await hub.StartAsync(cancellationToken);
        var id = await hub.InvokeAsync<string?>(
            "StartCircuit",
            site.ToString(),
            pageUri.ToString(),
            "[]",
            "",
            cancellationToken
        );
        if (string.IsNullOrEmpty(id))
        {
            await hub.DisposeAsync();
            throw new InvalidOperationException("the server refused to start a circuit");
        }

        circuit.circuitId = id;

        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            var marker = JsonNode.Parse(markers[i])!.AsObject();
            marker["uniqueId"] = i;
            operations.Add(
                new JsonObject
                {
                    ["type"] = "add",
                    ["ssrComponentId"] = i,
                    ["marker"] = marker,
                }
            );
        }

        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations };
        await hub.SendAsync("UpdateRootComponents", batch.ToJsonString(), state, cancellationToken);
        try
        {
            await circuit.firstBadge.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        }
        catch (Exception)
        {
            await circuit.DisposeAsync();
            throw;
        }

        circuit.TimeToInteractive = Stopwatch.GetElapsedTime(started);
        return circuit;
    }

    /// <summary>Every badge shown, with the wall clock (Unix ms) it was shown at.</summary>
    public IReadOnlyList<(double UnixMs, int Count)> Badges()
    {
        lock (badges)
        {
            return badges.Select(b => (b.UnixMs, b.Count)).ToList();
        }
    }

    /// <summary>
    /// As a closed tab: blazor.web.js sends the circuit's id to <c>/_blazor/disconnect</c> so the server ends it at once
    /// (without it the server keeps a disconnected circuit for its retention period, awaiting a reconnect).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await hub.DisposeAsync();
        if (circuitId is null)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(site, "/_blazor/disconnect"))
        {
            Content = new FormUrlEncodedContent([new("circuitId", circuitId)]),
        };
        request.Headers.Add("Cookie", cookie);
        try
        {
            using var response = await http.SendAsync(request);
            if (Environment.GetEnvironmentVariable("BENCH_CIRCUIT_TRACE") == "1")
            {
                Console.WriteLine($"  [circuit] disconnect {circuitId}: {(int)response.StatusCode}");
            }
        }
        catch (HttpRequestException)
        {
            // the server is gone: so is the circuit
        }
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ComponentState();
}
