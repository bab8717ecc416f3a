using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
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
public sealed partial class PushSender(
    IDbContextFactory<ConversationsDbContext> contexts,
    VapidKeys keys,
    CountUnread unread,
    IOptions<PushOptions> options,
    IHttpClientFactory http,
    TimeProvider time,
    ILogger<PushSender> logger
) : BackgroundService
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
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // csharpier-ignore
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
                AND {Unread.ForReaderSql("p.\"Id\"", "o.\"ConversationId\"", "o.\"Seq\"", heard: true)}) AS "Eligible"
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
                due.Add(
                    new DueRow(
                        reader.Get<long>("Id"),
                        reader.Get<Guid>("ConversationId"),
                        reader.Get<long>("Seq"),
                        reader.Get<int>("Attempts"),
                        new Device(
                            reader.Get<Guid>("SubscriptionId"),
                            reader.Get<Guid>("PersonId"),
                            reader.Get<string>("Endpoint"),
                            reader.Get<string>("P256dh"),
                            reader.Get<string>("Auth")
                        ),
                        reader.IsNull("Language") ? null : reader.Get<string>("Language"),
                        reader.Get<bool>("PushShowsText"),
                        reader.Get<string>("Body"),
                        reader.Get<string>("SenderName"),
                        reader.IsNull("GroupNickname") ? null : reader.Get<string>("GroupNickname"),
                        reader.Get<bool>("Eligible")
                    )
                );
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        // One notification per device and conversation: the newest eligible message of a turn stands for the others.
        var newest = due.Where(d => d.Eligible)
            .GroupBy(d => (d.Device.Id, d.ConversationId))
            .Select(g => g.MaxBy(d => d.Seq)!)
            .ToList();
        var done = due.Where(d => !newest.Contains(d)).Select(d => d.Id).ToList();
        var shown = new List<DueRow>();
        var retry = new List<DueRow>();
        var gone = new List<Guid>();
        var client = await ClientAsync(cancellationToken);
        var badges = await BadgesAsync(newest.Select(d => d.Device.PersonId), cancellationToken);
        var outcomes = await SendAllAsync(
            client,
            [.. newest.Select(row => (row.Device, Notification(row, badges[row.Device.PersonId]), row.Attempts))],
            cancellationToken
        );
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
            await (
                settled
                    ? db.PushMessages.Where(p => p.Id == row.Id).ExecuteDeleteAsync(cancellationToken)
                    : db
                        .PushMessages.Where(p => p.Id == row.Id)
                        .ExecuteUpdateAsync(
                            set =>
                                set.SetProperty(p => p.Attempts, p => p.Attempts + 1)
                                    .SetProperty(p => p.DueAt, now + wait),
                            cancellationToken
                        )
            );
        }

        if (shown.Count > 0)
        {
            Guid[] devices = [.. shown.Select(r => r.Device.Id)],
                conversations = [.. shown.Select(r => r.ConversationId)];
            long[] seqs = [.. shown.Select(r => r.Seq)];
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "ShownNotifications" ("SubscriptionId", "ConversationId", "Seq", "ShownAt")
                SELECT d, c, q, {now} FROM unnest({devices}, {conversations}, {seqs}) AS s(d, c, q)
                ON CONFLICT ("SubscriptionId", "ConversationId") DO UPDATE SET "Seq" = EXCLUDED."Seq", "ShownAt" = EXCLUDED."ShownAt"
                """,
                cancellationToken
            );
        }

        await db.PushSubscriptions.Where(s => gone.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
