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

    /// <summary>
    /// The author has seen everything up to their own message as manager of each group in the conversation too
    /// (a manager writing in person to their group, or for it). Their own position moves with the members' rows.
    /// </summary>
    public static async Task MoveGroupPositionsOfAuthorAsync(ConversationsDbContext db, Guid conversationId, Guid authorId, long seq, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq")
            SELECT {conversationId}, gm."GroupId", gm."MemberId", {seq}
              FROM "ConversationMembers" cm
              JOIN "GroupMembers" gm ON gm."GroupId" = cm."ParticipantId"
             WHERE cm."ConversationId" = {conversationId} AND gm."MemberId" = {authorId} AND gm."Role" = ANY({Access.ManagerRoles})
            ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE SET "LastReadSeq" = EXCLUDED."LastReadSeq"
            WHERE "GroupReadPositions"."LastReadSeq" < EXCLUDED."LastReadSeq"
            """, cancellationToken);

    /// <summary>Everyone told about a conversation's messages: its people and the managers of its groups.</summary>
    public static Task<List<Guid>> ReadersAsync(ConversationsDbContext db, Guid conversationId, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Guid>($"""
            SELECT cm."ParticipantId" AS "Value" FROM "ConversationMembers" cm WHERE cm."ConversationId" = {conversationId}
            UNION
            SELECT gm."MemberId" FROM "ConversationMembers" cm JOIN "GroupMembers" gm ON gm."GroupId" = cm."ParticipantId"
             WHERE cm."ConversationId" = {conversationId} AND gm."Role" = ANY({Access.ManagerRoles})
            """).ToListAsync(cancellationToken);
}
