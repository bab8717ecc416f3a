using System.Net;
using System.Text.Json;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Domain.Push;

/// <summary>
/// Sends the due pushes (<see cref="PushMessage"/>), like the email outbox: each server takes rows with
/// <c>FOR UPDATE SKIP LOCKED</c> (never the same row twice), checks each against the rules as they stand now, sends,
/// and marks it done. Through the same rule homes as the emails and the badge: the reader is a live person on a live
/// session; the message is still unread for them (their own position, or theirs as one of the group's managers) in a
/// conversation that counts for them (not a message request); its writer is not blocked by them nor on the platform.
/// One notification per conversation (its tag), replaced by the next; the text only for those who asked for it. A 404 or
/// 410 from the push service means the device is gone: its subscription is deleted. Other failures try again later
/// (doubling from 5 s), five times.
/// </summary>
public sealed class PushSender(
    IDbContextFactory<ConversationsDbContext> contexts, VapidKeys keys, IOptions<PushOptions> options, IHttpClientFactory http, TimeProvider time,
    ILogger<PushSender> logger) : BackgroundService
{
    private const int PerTurn = 50;
    private const int MaxAttempts = 5;

    /// <summary>How much of a message's text a notification carries, when it carries any.</summary>
    public const int TextLength = 120;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.CheckEvery, time);
        do
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == PerTurn)
                {
                    // a full turn: more may be due
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Pushes could not be sent; trying again at the next turn");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static readonly string DueSql = $"""
        SELECT o."Id", o."ConversationId", o."Seq", o."Attempts", s."Id" AS "SubscriptionId", s."Endpoint", s."P256dh", s."Auth",
               p."Language", p."PushShowsText", msg."Body", sender."DisplayName" AS "SenderName",
               (EXISTS (SELECT 1 FROM "SignInSessions" ss WHERE ss."Id" = s."SessionId" AND ss."EndedAt" IS NULL)
                AND {LivePerson.Sql("p")}
                AND {Telling.ToldSql("p.\"Id\"", "msg")}
                AND (EXISTS (SELECT 1 FROM "ConversationMembers" m
                              WHERE m."ConversationId" = o."ConversationId" AND m."ParticipantId" = p."Id"
                                AND {MessageRequests.CountsSql("m")} AND m."LastReadSeq" < o."Seq")
                     OR EXISTS (SELECT 1 FROM "ConversationMembers" gm
                                  JOIN "GroupMembers" g ON g."GroupId" = gm."ParticipantId" AND g."MemberId" = p."Id" AND g."Role" = ANY(@roles)
                                  LEFT JOIN "GroupReadPositions" r ON r."ConversationId" = gm."ConversationId" AND r."GroupId" = gm."ParticipantId" AND r."ManagerId" = p."Id"
                                 WHERE gm."ConversationId" = o."ConversationId" AND {MessageRequests.CountsSql("gm")}
                                   AND COALESCE(r."LastReadSeq", 0) < o."Seq"))) AS "Eligible"
          FROM "PushMessages" o
          JOIN "PushSubscriptions" s ON s."Id" = o."SubscriptionId"
          JOIN "Participants" p ON p."Id" = s."PersonId"
          JOIN "Messages" msg ON msg."ConversationId" = o."ConversationId" AND msg."Seq" = o."Seq"
          JOIN "Participants" sender ON sender."Id" = msg."SenderId"
         WHERE o."DoneAt" IS NULL AND o."DueAt" <= @cutoff
         ORDER BY o."DueAt"
         LIMIT {PerTurn}
           FOR UPDATE OF o SKIP LOCKED
        """;

    /// <summary>One turn: sends what is due now. Returns how many rows it settled (sent or found not to be sent).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = new List<DueRow>();
        await using (var command = new NpgsqlCommand(DueSql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction()))
        {
            command.Parameters.Add(new NpgsqlParameter("roles", Groups.GroupRoles.ManagerRoleNames));
            command.Parameters.Add(new NpgsqlParameter("cutoff", now - options.Value.Delay));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(new DueRow(reader.Get<long>("Id"), reader.Get<Guid>("ConversationId"), reader.Get<long>("Seq"), reader.Get<int>("Attempts"),
                    reader.Get<Guid>("SubscriptionId"), reader.Get<string>("Endpoint"), reader.Get<string>("P256dh"), reader.Get<string>("Auth"),
                    reader.IsNull("Language") ? null : reader.Get<string>("Language"), reader.Get<bool>("PushShowsText"), reader.Get<string>("Body"),
                    reader.Get<string>("SenderName"), reader.Get<bool>("Eligible")));
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        // One notification per device and conversation: the newest eligible message of a turn stands for the others.
        var newest = due.Where(d => d.Eligible).GroupBy(d => (d.SubscriptionId, d.ConversationId)).Select(g => g.MaxBy(d => d.Seq)!).ToList();
        var done = due.Where(d => !newest.Contains(d)).Select(d => d.Id).ToList();
        var retry = new List<DueRow>();
        var gone = new List<Guid>();
        var vapid = await keys.GetAsync(cancellationToken);
        var client = new PushServiceClient(http.CreateClient(nameof(PushSender)))
        {
            DefaultAuthentication = new VapidAuthentication(vapid.PublicKey, vapid.PrivateKey) { Subject = options.Value.Subject },
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            AutoRetryAfter = false,
        };
        foreach (var row in newest)
        {
            try
            {
                await client.RequestPushMessageDeliveryAsync(Subscription(row), Message(row), cancellationToken);
                done.Add(row.Id);
            }
            catch (PushServiceClientException refused) when (refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                gone.Add(row.SubscriptionId); // the device unsubscribed or the browser was removed: forget it (its rows go with it)
            }
            catch (Exception exception) when (exception is PushServiceClientException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "A push to {Endpoint} failed (try {Attempt})", new Uri(row.Endpoint).Host, row.Attempts + 1);
                retry.Add(row);
            }
        }

        await db.PushMessages.Where(p => done.Contains(p.Id)).ExecuteUpdateAsync(set => set.SetProperty(p => p.DoneAt, now), cancellationToken);
        foreach (var row in retry)
        {
            var wait = TimeSpan.FromSeconds(5 * Math.Pow(2, row.Attempts));
            await db.PushMessages.Where(p => p.Id == row.Id).ExecuteUpdateAsync(
                set => set.SetProperty(p => p.Attempts, p => p.Attempts + 1).SetProperty(p => p.DueAt, now + wait)
                    .SetProperty(p => p.DoneAt, row.Attempts + 1 >= MaxAttempts ? now : null),
                cancellationToken);
        }

        await db.PushSubscriptions.Where(s => gone.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>The tag of a conversation's notification: the next one replaces it.</summary>
    public static string TagOf(Guid conversationId) => $"conversation-{conversationId:N}";

    private static Lib.Net.Http.WebPush.PushSubscription Subscription(DueRow row)
    {
        var subscription = new Lib.Net.Http.WebPush.PushSubscription { Endpoint = row.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, row.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, row.Auth);
        return subscription;
    }

    private static Lib.Net.Http.WebPush.PushMessage Message(DueRow row)
    {
        var culture = Languages.Culture(row.Language);
        var text = row.ShowsText ? (row.Body.Length > TextLength ? row.Body[..TextLength].TrimEnd() + "…" : row.Body) : "";
        var payload = JsonSerializer.Serialize(new
        {
            title = EmailWords.Get(culture, "New message from {0}", row.SenderName),
            body = text,
            tag = TagOf(row.ConversationId),
            url = $"/conversations/{row.ConversationId}",
        });
        return new Lib.Net.Http.WebPush.PushMessage(payload) { TimeToLive = 24 * 3600, Urgency = PushMessageUrgency.Normal, Topic = row.ConversationId.ToString("N") };
    }

    private sealed record DueRow(
        long Id, Guid ConversationId, long Seq, int Attempts, Guid SubscriptionId, string Endpoint, string P256dh, string Auth, string? Language,
        bool ShowsText, string Body, string SenderName, bool Eligible);
}
