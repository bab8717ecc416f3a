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
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Domain.Push;

/// <summary>
/// Sends the due pushes (<see cref="PushMessage"/>), like the email outbox: each server takes rows with
/// <c>FOR UPDATE SKIP LOCKED</c> (never the same row twice), checks each against the rules as they stand now, sends,
/// and deletes it. Through the same rule homes as the emails and the badge: the reader is a live person on a live
/// session who is not looking at the site now (<see cref="LookingNow"/>: an open tab in view tells them itself); the
/// message is still unread for them (<see cref="Unread.ForReaderSql"/>: their own position, or theirs as one of the
/// group's managers, in a conversation that counts for them — not a message request); its writer is not blocked by them
/// nor on the platform (<see cref="Telling"/>). One notification per conversation (its tag), replaced by the next; the
/// text only for those who asked for it; the app icon's badge with it. A notification shown is withdrawn once its
/// conversation is read elsewhere (<see cref="ShownNotification"/>). A 404 or 410 from the push service means the device
/// is gone: its subscription is deleted. Other failures try again later (doubling from 5 s), five times.
/// </summary>
public sealed class PushSender(
    IDbContextFactory<ConversationsDbContext> contexts, VapidKeys keys, CountUnread unread, IOptions<PushOptions> options, IHttpClientFactory http,
    TimeProvider time, ILogger<PushSender> logger) : BackgroundService
{
    private const int PerTurn = 50;
    private const int MaxAttempts = 5;

    /// <summary>How many pushes of a turn are on their way at once.</summary>
    public const int Concurrency = 16;

    /// <summary>How much of a message's text a notification carries, when it carries any.</summary>
    public const int TextLength = 120;

    /// <summary>How long a notification is thought to be on a device's screen, waiting to be withdrawn.</summary>
    public static readonly TimeSpan ShownFor = TimeSpan.FromDays(7);

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

                while (await WithdrawReadAsync(stoppingToken) == PerTurn)
                {
                    // likewise
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
               p."Id" AS "PersonId", p."Language", p."PushShowsText", msg."Body", sender."DisplayName" AS "SenderName",
               -- where the reader opens it: their own conversation, or the group's they manage (its address names the group)
               (SELECT grp."Nickname" FROM "ConversationMembers" cm
                  JOIN "Participants" grp ON grp."Id" = cm."ParticipantId"
                 WHERE cm."ConversationId" = o."ConversationId" AND {Groups.Managers.ManagesSql("cm.\"ParticipantId\"", "p.\"Id\"", "@roles")}
                   AND NOT EXISTS (SELECT 1 FROM "ConversationMembers" own WHERE own."ConversationId" = o."ConversationId" AND own."ParticipantId" = p."Id")
                 LIMIT 1) AS "GroupNickname",
               (EXISTS (SELECT 1 FROM "SignInSessions" ss WHERE ss."Id" = s."SessionId" AND ss."EndedAt" IS NULL)
                AND {LivePerson.Sql("p")}
                AND NOT {LookingNow.Sql("p.\"Id\"", "@now")}
                AND {Telling.ToldSql("p.\"Id\"", "msg")}
                AND {Unread.ForReaderSql("p.\"Id\"", "o.\"ConversationId\"", "o.\"Seq\"")}) AS "Eligible"
          FROM "PushMessages" o
          JOIN "PushSubscriptions" s ON s."Id" = o."SubscriptionId"
          JOIN "Participants" p ON p."Id" = s."PersonId"
          JOIN "Messages" msg ON msg."ConversationId" = o."ConversationId" AND msg."Seq" = o."Seq"
          JOIN "Participants" sender ON sender."Id" = msg."SenderId"
         WHERE o."DueAt" <= @cutoff
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
        await using (var command = Command(db, transaction, DueSql))
        {
            command.Parameters.Add(new NpgsqlParameter("cutoff", now - options.Value.Delay));
            command.Parameters.Add(new NpgsqlParameter("now", now));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(new DueRow(reader.Get<long>("Id"), reader.Get<Guid>("ConversationId"), reader.Get<long>("Seq"), reader.Get<int>("Attempts"),
                    new Device(reader.Get<Guid>("SubscriptionId"), reader.Get<Guid>("PersonId"), reader.Get<string>("Endpoint"), reader.Get<string>("P256dh"),
                        reader.Get<string>("Auth")),
                    reader.IsNull("Language") ? null : reader.Get<string>("Language"), reader.Get<bool>("PushShowsText"), reader.Get<string>("Body"),
                    reader.Get<string>("SenderName"), reader.IsNull("GroupNickname") ? null : reader.Get<string>("GroupNickname"), reader.Get<bool>("Eligible")));
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        // One notification per device and conversation: the newest eligible message of a turn stands for the others.
        var newest = due.Where(d => d.Eligible).GroupBy(d => (d.Device.Id, d.ConversationId)).Select(g => g.MaxBy(d => d.Seq)!).ToList();
        var done = due.Where(d => !newest.Contains(d)).Select(d => d.Id).ToList();
        var shown = new List<DueRow>();
        var retry = new List<DueRow>();
        var gone = new List<Guid>();
        var client = await ClientAsync(cancellationToken);
        var badges = await BadgesAsync(newest.Select(d => d.Device.PersonId), cancellationToken);
        var outcomes = await SendAllAsync(client, [.. newest.Select(row => (row.Device, Notification(row, badges[row.Device.PersonId]), row.Attempts))], cancellationToken);
        foreach (var (row, outcome) in newest.Zip(outcomes))
        {
            switch (outcome)
            {
                case Outcome.Sent:
                    done.Add(row.Id);
                    shown.Add(row);
                    break;
                case Outcome.Gone:
                    gone.Add(row.Device.Id);
                    break;
                default:
                    retry.Add(row);
                    break;
            }
        }

        await db.PushMessages.Where(p => done.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var row in retry)
        {
            var wait = TimeSpan.FromSeconds(5 * Math.Pow(2, row.Attempts));
            var settled = row.Attempts + 1 >= MaxAttempts;
            await (settled
                ? db.PushMessages.Where(p => p.Id == row.Id).ExecuteDeleteAsync(cancellationToken)
                : db.PushMessages.Where(p => p.Id == row.Id).ExecuteUpdateAsync(
                    set => set.SetProperty(p => p.Attempts, p => p.Attempts + 1).SetProperty(p => p.DueAt, now + wait), cancellationToken));
        }

        if (shown.Count > 0)
        {
            Guid[] devices = [.. shown.Select(r => r.Device.Id)], conversations = [.. shown.Select(r => r.ConversationId)];
            long[] seqs = [.. shown.Select(r => r.Seq)];
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ShownNotifications" ("SubscriptionId", "ConversationId", "Seq", "ShownAt")
                SELECT d, c, q, {now} FROM unnest({devices}, {conversations}, {seqs}) AS s(d, c, q)
                ON CONFLICT ("SubscriptionId", "ConversationId") DO UPDATE SET "Seq" = EXCLUDED."Seq", "ShownAt" = EXCLUDED."ShownAt"
                """, cancellationToken);
        }

        await db.PushSubscriptions.Where(s => gone.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private static readonly string ReadSql = $"""
        SELECT n."ConversationId", n."SubscriptionId", s."PersonId", s."Endpoint", s."P256dh", s."Auth",
               NOT {Unread.ForReaderSql("s.\"PersonId\"", "n.\"ConversationId\"", "n.\"Seq\"")} AS "Read"
          FROM "ShownNotifications" n
          JOIN "PushSubscriptions" s ON s."Id" = n."SubscriptionId"
         WHERE n."ShownAt" < @old OR NOT {Unread.ForReaderSql("s.\"PersonId\"", "n.\"ConversationId\"", "n.\"Seq\"")}
         LIMIT {PerTurn}
           FOR UPDATE OF n SKIP LOCKED
        """;

    /// <summary>
    /// One turn of withdrawals: each notification still shown whose conversation was read since (on another device, on
    /// the site, or by answering) is withdrawn from the device and forgotten; so is one shown too long ago to matter.
    /// Returns how many it settled.
    /// </summary>
    public async Task<int> WithdrawReadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var read = new List<(Guid Conversation, Device Device, bool Read)>();
        await using (var command = Command(db, transaction, ReadSql))
        {
            command.Parameters.Add(new NpgsqlParameter("old", time.GetUtcNow() - ShownFor));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read.Add((reader.Get<Guid>("ConversationId"),
                    new Device(reader.Get<Guid>("SubscriptionId"), reader.Get<Guid>("PersonId"), reader.Get<string>("Endpoint"), reader.Get<string>("P256dh"),
                        reader.Get<string>("Auth")),
                    reader.Get<bool>("Read")));
            }
        }

        if (read.Count == 0)
        {
            return 0;
        }

        var client = await ClientAsync(cancellationToken);
        var badges = await BadgesAsync(read.Where(r => r.Read).Select(r => r.Device.PersonId), cancellationToken);
        var settled = new List<(Guid Subscription, Guid Conversation)>();
        var gone = new List<Guid>();
        var withdrawals = read.Where(r => r.Read).ToList();
        var sent = (await SendAllAsync(client, [.. withdrawals.Select(r => (r.Device, Withdrawal(r.Conversation, badges[r.Device.PersonId]), 0))], cancellationToken))
            .Select((outcome, i) => (withdrawals[i].Device.Id, withdrawals[i].Conversation, outcome)).ToDictionary(x => (x.Id, x.Conversation), x => x.outcome);
        foreach (var (conversation, device, _) in read)
        {
            // one shown too long ago is forgotten quietly
            var outcome = sent.GetValueOrDefault((device.Id, conversation), Outcome.Sent);
            if (outcome == Outcome.Gone)
            {
                gone.Add(device.Id);
            }
            else if (outcome == Outcome.Sent)
            {
                settled.Add((device.Id, conversation));
            }
        }

        foreach (var (subscription, conversation) in settled)
        {
            await db.ShownNotifications.Where(n => n.SubscriptionId == subscription && n.ConversationId == conversation).ExecuteDeleteAsync(cancellationToken);
        }

        await db.PushSubscriptions.Where(s => gone.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return read.Count;
    }

    private static NpgsqlCommand Command(ConversationsDbContext db, IDbContextTransaction transaction, string sql)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter("roles", Groups.GroupRoles.ManagerRoleNames));
        return command;
    }

    private async Task<PushServiceClient> ClientAsync(CancellationToken cancellationToken)
    {
        var vapid = await keys.GetAsync(cancellationToken);
        return new PushServiceClient(http.CreateClient(nameof(PushSender)))
        {
            DefaultAuthentication = new VapidAuthentication(vapid.PublicKey, vapid.PrivateKey) { Subject = options.Value.Subject },
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            AutoRetryAfter = false,
        };
    }

    /// <summary>What each person's badge shows now (<see cref="CountUnread"/>, the badge's one home): the app icon shows it too.</summary>
    private async Task<Dictionary<Guid, int>> BadgesAsync(IEnumerable<Guid> people, CancellationToken cancellationToken)
    {
        var badges = new System.Collections.Concurrent.ConcurrentDictionary<Guid, int>();
        await Parallel.ForEachAsync(people.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (person, token) => badges[person] = (await unread.HandleAsync(person, token)).Total);
        return new Dictionary<Guid, int>(badges);
    }

    /// <summary>Sends a turn's pushes side by side (a push service answers in tens of milliseconds; one after the other, a turn would wait for each).</summary>
    private async Task<Outcome[]> SendAllAsync(
        PushServiceClient client, IReadOnlyList<(Device Device, Lib.Net.Http.WebPush.PushMessage Message, int Attempts)> pushes, CancellationToken cancellationToken)
    {
        var outcomes = new Outcome[pushes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pushes.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, token) => outcomes[i] = await SendAsync(client, pushes[i].Device, pushes[i].Message, pushes[i].Attempts, token));
        return outcomes;
    }

    private async Task<Outcome> SendAsync(PushServiceClient client, Device device, Lib.Net.Http.WebPush.PushMessage message, int attempts, CancellationToken cancellationToken)
    {
        var subscription = new Lib.Net.Http.WebPush.PushSubscription { Endpoint = device.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
        try
        {
            await client.RequestPushMessageDeliveryAsync(subscription, message, cancellationToken);
            return Outcome.Sent;
        }
        catch (PushServiceClientException refused) when (refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return Outcome.Gone; // the device unsubscribed or the browser was removed: forget it (its rows go with it)
        }
        catch (Exception exception) when (exception is PushServiceClientException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "A push to {Endpoint} failed (try {Attempt})", new Uri(device.Endpoint).Host, attempts + 1);
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
        var text = row.ShowsText ? (row.Body.Length > TextLength ? row.Body[..TextLength].TrimEnd() + "…" : row.Body) : "";
        return Payload(row.ConversationId, new
        {
            title = EmailWords.Get(culture, "New message from {0}", row.SenderName),
            body = text,
            tag = TagOf(row.ConversationId),
            url = "/" + Links.Conversation(row.ConversationId, row.GroupNickname),
            unread = badge,
        });
    }

    /// <summary>Takes a conversation's notification off the device (its service worker closes what has the tag).</summary>
    private static Lib.Net.Http.WebPush.PushMessage Withdrawal(Guid conversationId, int badge) =>
        Payload(conversationId, new { withdraw = true, tag = TagOf(conversationId), unread = badge });

    // The topic is the conversation: a push service holding an undelivered one for an asleep device keeps only the last.
    private static Lib.Net.Http.WebPush.PushMessage Payload(Guid conversationId, object content) =>
        new(JsonSerializer.Serialize(content)) { TimeToLive = 24 * 3600, Urgency = PushMessageUrgency.Normal, Topic = conversationId.ToString("N") };

    private sealed record Device(Guid Id, Guid PersonId, string Endpoint, string P256dh, string Auth);

    private sealed record DueRow(
        long Id, Guid ConversationId, long Seq, int Attempts, Device Device, string? Language, bool ShowsText, string Body, string SenderName, string? GroupNickname,
        bool Eligible);
}
