using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conversations.Bench.Circuits;

/// <summary>What the circuit's page does when the server calls it: acknowledge batches, answer JS interop.</summary>
public sealed partial class BlazorCircuit
{
    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        Interlocked.Increment(ref renderBatches);
        Interlocked.Add(ref renderBytes, data.Length);
        await hub.SendAsync("OnRenderCompleted", batchId, null);
    }

    private async Task OnBeginInvokeJSAsync(
        long handle,
        string identifier,
        string? argsJson,
        int resultType,
        long target,
        int callType
    )
    {
        if (Environment.GetEnvironmentVariable("BENCH_CIRCUIT_TRACE") == "1")
        {
            Console.WriteLine(
                $"  [circuit] {identifier}({argsJson}) handle {handle} result {resultType} target {target}"
            );
        }

        if (identifier == "conversationsApp.setAppBadge")
        {
            var count = JsonDocument.Parse(argsJson ?? "[0]").RootElement[0].GetInt32();
            var at = Stopwatch.GetTimestamp();
            lock (badges)
            {
                badges.Add((at, DateTime.UtcNow.Subtract(DateTime.UnixEpoch).TotalMilliseconds, count));
            }

            BadgeShown?.Invoke(count, at);
            firstBadge.TrySetResult();
        }

        if (handle == 0)
        {
            return; // a call whose answer nobody awaits
        }

        var result = Answer(identifier, resultType);
        await hub.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
    }

    /// <summary>What a browser's page answers to the calls the app and MudBlazor make while a page opens.</summary>
    private string Answer(string identifier, int resultType)
    {
        const int JSObjectReference = 1,
            JSVoidResult = 3;
        if (resultType == JSVoidResult)
        {
            return "null";
        }

        // An imported module or an object the caller keeps: a reference to it.
        if (identifier == "import" || resultType == JSObjectReference)
        {
            return $$"""{"__jsObjectId":{{Interlocked.Increment(ref nextObjectId)}}}""";
        }

        return identifier switch
        {
            "mudThemeProvider.isDarkMode" => "false",
            "window.hasOwnProperty" => "true",
            "mudpopoverHelper.countProviders" => "1",
            "watchVisibility" => """{"id":1,"visible":true}""",
            "attach" => "true", // the reply box's keys: Enter sends (a conversation page; without it, its error boundary shows)
            _ => "null",
        };
    }
}
