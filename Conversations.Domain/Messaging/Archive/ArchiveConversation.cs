using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Archiving and bringing back, for one reader (<see cref="Archive"/>): the conversation leaves their inbox for the
/// archived list until a newer message arrives; a manager archives a group's conversation for themself. The reader's
/// tabs on every server hear of it as of a read.
/// </summary>
public sealed class ArchiveConversation(IDbContextFactory<ConversationsDbContext> contexts)
{
    /// <param name="archived">True to archive; false to bring it back to the inbox.</param>
    /// <returns>Whether anything changed.</returns>
    public async Task<Result<bool>> HandleAsync(
        Actor reader,
        ConversationId conversation,
        bool archived,
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
        // Archived at the conversation's newest message, read under the row's lock: a message arriving meanwhile is newer.
        var changed = reader.ForGroup
            ? await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq", "NotifiedSeq", "ArchivedSeq")
                SELECT c."Id", {reader.ParticipantId}, {reader.PersonId}, 0, 0, CASE WHEN {archived} THEN c."LastSeq" END
                  FROM "Conversations" c WHERE c."Id" = {conversationId}
                ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE SET "ArchivedSeq" = EXCLUDED."ArchivedSeq"
                 WHERE "GroupReadPositions"."ArchivedSeq" IS DISTINCT FROM EXCLUDED."ArchivedSeq"
                """,
                cancellationToken
            )
            : await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE "ConversationMembers" SET "ArchivedSeq" = CASE WHEN {archived} THEN "LastSeq" END
                 WHERE "ConversationId" = {conversationId} AND "ParticipantId" = {reader.PersonId}
                   AND "ArchivedSeq" IS DISTINCT FROM CASE WHEN {archived} THEN "LastSeq" END
                """,
                cancellationToken
            );
        if (changed == 0)
        {
            return false;
        }

        await EventPublisher.PublishAsync(
            db,
            EventEnvelope.Read(new ConversationRead(conversationId, new PersonId(reader.PersonId))),
            cancellationToken
        );
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
