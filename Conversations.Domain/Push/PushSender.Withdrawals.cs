using Conversations.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Domain.Push;

/// <summary>Withdrawing the notifications whose conversation was read elsewhere (see <see cref="PushSender"/>).</summary>
public sealed partial class PushSender
{
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
                read.Add(
                    (
                        reader.Get<Guid>("ConversationId"),
                        new Device(
                            reader.Get<Guid>("SubscriptionId"),
                            reader.Get<Guid>("PersonId"),
                            reader.Get<string>("Endpoint"),
                            reader.Get<string>("P256dh"),
                            reader.Get<string>("Auth")
                        ),
                        reader.Get<bool>("Read")
                    )
                );
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
        var sent = (
            await SendAllAsync(
                client,
                [.. withdrawals.Select(r => (r.Device, Withdrawal(r.Conversation, badges[r.Device.PersonId]), 0))],
                cancellationToken
            )
        )
            .Select((outcome, i) => (withdrawals[i].Device.Id, withdrawals[i].Conversation, outcome))
            .ToDictionary(x => (x.Id, x.Conversation), x => x.outcome);
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
            await db
                .ShownNotifications.Where(n => n.SubscriptionId == subscription && n.ConversationId == conversation)
                .ExecuteDeleteAsync(cancellationToken);
        }

        await db.PushSubscriptions.Where(s => gone.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return read.Count;
    }
}
