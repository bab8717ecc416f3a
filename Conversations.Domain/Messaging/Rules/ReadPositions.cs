using Conversations.Domain.Email;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Moves read positions forward (reading) and back ("unread from here"). A person's own position lives on their membership row; a manager's position
/// in a group's conversation has a row of its own (<see cref="GroupReadPosition"/>), created on first use.
/// </summary>
internal static class ReadPositions
{
    // csharpier-ignore
    private static readonly string MovePersonSql = $"""
        UPDATE "ConversationMembers" m SET "LastReadSeq" = @seq, "UnmailedSince" = {EmailDue.RecomputedSql("m", "@seq", "m.\"NotifiedSeq\"")}
        WHERE m."ConversationId" = @conversation AND m."ParticipantId" = @reader AND m."LastReadSeq" < @seq
        """;

    // csharpier-ignore
    private static readonly string MovePersonBackSql = $"""
        UPDATE "ConversationMembers" m SET "LastReadSeq" = @seq, "UnmailedSince" = {EmailDue.RecomputedSql("m", "@seq", "m.\"NotifiedSeq\"")}
        WHERE m."ConversationId" = @conversation AND m."ParticipantId" = @reader AND m."LastReadSeq" > @seq
        """;

    /// <returns>How many positions moved.</returns>
    public static Task<int> MoveToAsync(
        ConversationsDbContext db,
        Guid conversationId,
        Actor reader,
        long seq,
        CancellationToken cancellationToken
    ) =>
        reader.ForGroup
            ? db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq")
                VALUES ({conversationId}, {reader.ParticipantId}, {reader.PersonId}, {seq})
                ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE SET "LastReadSeq" = EXCLUDED."LastReadSeq"
                WHERE "GroupReadPositions"."LastReadSeq" < EXCLUDED."LastReadSeq"
                """,
                cancellationToken
            )
            : db.Database.ExecuteSqlRawAsync(
                MovePersonSql,
                [
                    new NpgsqlParameter("seq", seq),
                    new NpgsqlParameter("conversation", conversationId),
                    new NpgsqlParameter("reader", reader.PersonId),
                ],
                cancellationToken
            );

    /// <summary>Moves the reader's position back to <paramref name="seq"/> ("unread from here"); a position already there or before stays.</summary>
    /// <returns>How many positions moved.</returns>
    public static Task<int> MoveBackAsync(
        ConversationsDbContext db,
        Guid conversationId,
        Actor reader,
        long seq,
        CancellationToken cancellationToken
    ) =>
        reader.ForGroup
            ? db.Database.ExecuteSqlAsync(
                $"""
                UPDATE "GroupReadPositions" SET "LastReadSeq" = {seq}
                WHERE "ConversationId" = {conversationId} AND "GroupId" = {reader.ParticipantId} AND "ManagerId" = {reader.PersonId}
                  AND "LastReadSeq" > {seq}
                """,
                cancellationToken
            )
            : db.Database.ExecuteSqlRawAsync(
                MovePersonBackSql,
                [
                    new NpgsqlParameter("seq", seq),
                    new NpgsqlParameter("conversation", conversationId),
                    new NpgsqlParameter("reader", reader.PersonId),
                ],
                cancellationToken
            );
}
