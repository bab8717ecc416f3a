using System.Diagnostics.Metrics;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;

namespace Conversations.Domain.Realtime;

/// <summary>
/// The product's own gauges (meter "Conversations"), for OpenTelemetry: messages sent, sends refused by reason, relay
/// reconnects, and the live participants this server follows. Names and counts only: never a message's text.
/// </summary>
public sealed class ConversationsMetrics
{
    public const string MeterName = "Conversations";

    private readonly Counter<long> sent;
    private readonly Counter<long> refused;
    private readonly Counter<long> reconnects;
    private readonly Histogram<double> pushLatency;
    private readonly Histogram<long> replyBatches;

    public ConversationsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        sent = meter.CreateCounter<long>(
            "conversations.messages.sent",
            "{message}",
            "Messages written (started or replied)."
        );
        refused = meter.CreateCounter<long>("conversations.sends.refused", "{message}", "Sends refused, by reason.");
        reconnects = meter.CreateCounter<long>(
            "conversations.relay.reconnects",
            "{reconnect}",
            "Times the LISTEN relay reconnected."
        );
        pushLatency = meter.CreateHistogram<double>(
            "conversations.push.latency",
            "ms",
            "From a message's write to its event reaching this server's watchers (includes the commit)."
        );
        replyBatches = meter.CreateHistogram<long>(
            "conversations.replies.batch_size",
            "{message}",
            "Replies written by one transaction (group commit: replies arriving together share one commit)."
        );
        Meter = meter;
    }

    /// <summary>For the parts that report gauges of their own (live states, circuits, hub connections).</summary>
    public Meter Meter { get; }

    /// <summary>Counts a send's outcome and hands it back unchanged.</summary>
    public Result<SentMessage> Counted(Result<SentMessage> outcome)
    {
        if (outcome.Succeeded)
        {
            sent.Add(1);
        }
        else
        {
            refused.Add(
                1,
                new KeyValuePair<string, object?>(
                    "reason",
                    outcome.Problem switch
                    {
                        TooFast => "too_fast",
                        Invalid => "invalid",
                        NotAllowed => "not_allowed",
                        NotFound => "not_found",
                        _ => "other",
                    }
                )
            );
        }

        return outcome;
    }

    public void ReplyBatchWritten(int replies) => replyBatches.Record(replies);

    public void RelayReconnected() => reconnects.Add(1);

    public void Pushed(TimeSpan sinceWritten) => pushLatency.Record(Math.Max(0, sinceWritten.TotalMilliseconds));
}
