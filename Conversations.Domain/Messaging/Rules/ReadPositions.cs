using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Moves read positions forward. A person's own position lives on their membership row; a manager's position
/// in a group's conversation has a row of its own (<see cref="GroupReadPosition"/>), created on first use.
/// </summary>
internal static class ReadPositions
{
    /// <returns>How many positions moved.</returns>
    public static Task<int> MoveToAsync(ConversationsDbContext db, Guid conversationId, Actor reader, long seq, CancellationToken cancellationToken) =>
        reader.ForGroup
            ? db.Database.ExecuteSqlAsync($"""
                INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq")
                VALUES ({conversationId}, {reader.ParticipantId}, {reader.PersonId}, {seq})
                ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE SET "LastReadSeq" = EXCLUDED."LastReadSeq"
                WHERE "GroupReadPositions"."LastReadSeq" < EXCLUDED."LastReadSeq"
                """, cancellationToken)
            : db.Database.ExecuteSqlAsync($"""
                UPDATE "ConversationMembers" SET "LastReadSeq" = {seq}
                WHERE "ConversationId" = {conversationId} AND "ParticipantId" = {reader.PersonId} AND "LastReadSeq" < {seq}
                """, cancellationToken);
}
