using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Muting and unmuting, for one person (<see cref="Telling.Heard"/>): a conversation of their own, one of a group's they
/// manage (for themself only), or the whole inbox of a group they manage. Muting takes it off the badge and stops its
/// emails and pushes; unmuting counts it again, and the next email waits for a message after the person has read (what
/// arrived while muted is never mailed). The person's tabs on every server hear of it as of a read.
/// </summary>
public sealed class Mute(IDbContextFactory<ConversationsDbContext> contexts)
{
    /// <returns>Whether anything changed.</returns>
    public async Task<Result<bool>> ConversationAsync(
        Actor reader,
        ConversationId conversation,
        bool muted,
        CancellationToken cancellationToken = default
    )
    {
        var conversationId = conversation.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Access.CanSeeAsync(db, conversationId, reader, cancellationToken))
        {
            return Access.ConversationNotFound;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = reader.ForGroup
            ? await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq", "NotifiedSeq", "Muted")
                VALUES ({conversationId}, {reader.ParticipantId}, {reader.PersonId}, 0, 0, {muted})
                ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE
                   SET "Muted" = EXCLUDED."Muted",
                       "NotifiedSeq" = CASE WHEN EXCLUDED."Muted" THEN "GroupReadPositions"."NotifiedSeq"
                                            ELSE GREATEST("GroupReadPositions"."NotifiedSeq", (SELECT c."LastSeq" FROM "Conversations" c WHERE c."Id" = {conversationId})) END
                 WHERE "GroupReadPositions"."Muted" <> EXCLUDED."Muted"
                """,
                cancellationToken
            )
            : await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE "ConversationMembers"
                   SET "Muted" = {muted}, "UnmailedSince" = NULL,
                       "NotifiedSeq" = CASE WHEN {muted} THEN "NotifiedSeq" ELSE GREATEST("NotifiedSeq", "LastSeq") END
                 WHERE "ConversationId" = {conversationId} AND "ParticipantId" = {reader.PersonId} AND "Muted" <> {muted}
                """,
                cancellationToken
            );
        return await CommitAsync(db, conversationId, reader.PersonId, changed, cancellationToken);
    }

    /// <summary>A manager mutes (or unmutes) a group's whole inbox, for themself.</summary>
    public async Task<Result<bool>> GroupInboxAsync(
        PersonId manager,
        GroupId group,
        bool muted,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Only the manager's own row, and only while they manage it (a deleted account manages nothing).
        if (!await Access.CanActAsync(db, Actor.ManagerOf(group, manager), cancellationToken))
        {
            return GroupGate.GroupNotFound;
        }

        var changed = await db
            .GroupMembers.Where(m => m.GroupId == group.Value && m.MemberId == manager.Value && m.InboxMuted != muted)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.InboxMuted, muted), cancellationToken);
        return await CommitAsync(db, Guid.Empty, manager.Value, changed, cancellationToken);
    }

    private static async Task<Result<bool>> CommitAsync(
        ConversationsDbContext db,
        Guid conversationId,
        Guid person,
        int changed,
        CancellationToken cancellationToken
    )
    {
        if (changed == 0)
        {
            return false;
        }

        await EventPublisher.PublishAsync(
            db,
            EventEnvelope.Read(new ConversationRead(conversationId, new PersonId(person))),
            cancellationToken
        );
        await db.Database.CommitTransactionAsync(cancellationToken);
        return true;
    }
}
