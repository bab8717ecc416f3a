using System.Net;
using System.Text.Json;
using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Conversations.Domain.Push;

/// <summary>How a push goes out: the client signed with the VAPID keys, the badge, the payloads, 16 at a time.</summary>
public sealed partial class PushSender
{
    private static NpgsqlCommand Command(ConversationsDbContext db, IDbContextTransaction transaction, string sql)
    {
        var command = new NpgsqlCommand(
            sql,
            (NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction)transaction.GetDbTransaction()
        );
        command.Parameters.Add(new NpgsqlParameter("roles", Groups.GroupRoles.ManagerRoleNames));
        return command;
    }

    private async Task<PushServiceClient> ClientAsync(CancellationToken cancellationToken)
    {
        var vapid = await keys.GetAsync(cancellationToken);
        return new PushServiceClient(http.CreateClient(nameof(PushSender)))
        {
            DefaultAuthentication = new VapidAuthentication(vapid.PublicKey, vapid.PrivateKey)
            {
                Subject = options.Value.Subject,
            },
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            AutoRetryAfter = false,
        };
    }

    /// <summary>What each person's badge shows now (<see cref="CountUnread"/>, the badge's one home): the app icon shows it too.</summary>
    private async Task<Dictionary<Guid, int>> BadgesAsync(IEnumerable<Guid> people, CancellationToken cancellationToken)
    {
        var badges = new System.Collections.Concurrent.ConcurrentDictionary<Guid, int>();
        await Parallel.ForEachAsync(
            people.Distinct(),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (person, token) => badges[person] = (await unread.HandleAsync(person, token)).Total
        );
        return new Dictionary<Guid, int>(badges);
    }

    /// <summary>Sends a turn's pushes side by side (a push service answers in tens of milliseconds; one after the other, a turn would wait for each).</summary>
    private async Task<Outcome[]> SendAllAsync(
        PushServiceClient client,
        IReadOnlyList<(Device Device, Lib.Net.Http.WebPush.PushMessage Message, int Attempts)> pushes,
        CancellationToken cancellationToken
    )
    {
        var outcomes = new Outcome[pushes.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, pushes.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
                outcomes[i] = await SendAsync(client, pushes[i].Device, pushes[i].Message, pushes[i].Attempts, token)
        );
        return outcomes;
    }

    private async Task<Outcome> SendAsync(
        PushServiceClient client,
        Device device,
        Lib.Net.Http.WebPush.PushMessage message,
        int attempts,
        CancellationToken cancellationToken
    )
    {
        var subscription = new Lib.Net.Http.WebPush.PushSubscription { Endpoint = device.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
        try
        {
            await client.RequestPushMessageDeliveryAsync(subscription, message, cancellationToken);
            return Outcome.Sent;
        }
        catch (PushServiceClientException refused)
            when (refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return Outcome.Gone; // the device unsubscribed or the browser was removed: forget it (its rows go with it)
        }
        catch (Exception exception)
            when (exception is PushServiceClientException or HttpRequestException or TaskCanceledException
                && !cancellationToken.IsCancellationRequested
            )
        {
            logger.LogWarning(
                exception,
                "A push to {Endpoint} failed (try {Attempt})",
                new Uri(device.Endpoint).Host,
                attempts + 1
            );
            return Outcome.Failed;
        }
    }

    private enum Outcome
    {
        Sent,
        Gone,
        Failed,
    }

    /// <summary>The tag of a conversation's notification: the next one replaces it.</summary>
    public static string TagOf(Guid conversationId) => $"conversation-{conversationId:N}";

    private static Lib.Net.Http.WebPush.PushMessage Notification(DueRow row, int badge)
    {
        var culture = Languages.Culture(row.Language);
        var text = row.ShowsText
            ? (row.Body.Length > TextLength ? row.Body[..TextLength].TrimEnd() + "…" : row.Body)
            : "";
        return Payload(
            row.ConversationId,
            new
            {
                title = EmailWords.Get(culture, "New message from {0}", row.SenderName),
                body = text,
                tag = TagOf(row.ConversationId),
                url = "/" + Links.Conversation(row.ConversationId, row.GroupNickname),
                unread = badge,
            }
        );
    }

    /// <summary>Takes a conversation's notification off the device (its service worker closes what has the tag).</summary>
    private static Lib.Net.Http.WebPush.PushMessage Withdrawal(Guid conversationId, int badge) =>
        Payload(
            conversationId,
            new
            {
                withdraw = true,
                tag = TagOf(conversationId),
                unread = badge,
            }
        );

    // The topic is the conversation: a push service holding an undelivered one for an asleep device keeps only the last.
    private static Lib.Net.Http.WebPush.PushMessage Payload(Guid conversationId, object content) =>
        new(JsonSerializer.Serialize(content))
        {
            TimeToLive = 24 * 3600,
            Urgency = PushMessageUrgency.Normal,
            Topic = conversationId.ToString("N"),
        };

    private sealed record Device(Guid Id, Guid PersonId, string Endpoint, string P256dh, string Auth);

    private sealed record DueRow(
        long Id,
        Guid ConversationId,
        long Seq,
        int Attempts,
        Device Device,
        string? Language,
        bool ShowsText,
        string Body,
        string SenderName,
        string? GroupNickname,
        bool Eligible
    );
}
