using Conversations.Domain.Groups;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>A managed group's unread messages for one of its managers.</summary>
public sealed record GroupUnread(Profile Group, int Unread);

/// <summary>A person's unread messages: in their own conversations, and in those of each group they manage.</summary>
public sealed record UnreadCounts(int Personal, IReadOnlyList<GroupUnread> Groups)
{
    /// <summary>What the header badge shows.</summary>
    public int Total => (int)Math.Min(int.MaxValue, Personal + Groups.Sum(g => (long)g.Unread));

    public int ForGroup(Guid groupId) => Groups.FirstOrDefault(g => g.Group.Id == groupId)?.Unread ?? 0;
}

/// <summary>
/// A person's unread messages over all their conversations and those of the groups they manage. Every message
/// after a read position is someone else's (writing moves the writer's positions), so each count is a subtraction.
/// </summary>
public sealed class CountUnread(IDbContextFactory<ConversationsDbContext> contexts)
{
    /// <summary>$1 the person, $2 the manager roles.</summary>
    internal const string Sql = """
            SELECT NULL::uuid, '', '', 0, now(), COALESCE(SUM(m."LastSeq" - m."LastReadSeq"), 0)::bigint
              FROM "ConversationMembers" m
             WHERE m."ParticipantId" = $1
               AND EXISTS (SELECT 1 FROM "Participants" me WHERE me."Id" = $1 AND me."DeletedAt" IS NULL)
            UNION ALL
            SELECT g."Id", g."DisplayName", g."Nickname", g."PictureVersion", g."JoinedAt",
                   COALESCE(SUM(cm."LastSeq" - COALESCE(r."LastReadSeq", 0)), 0)::bigint
              FROM "GroupMembers" gm
              JOIN "Participants" g ON g."Id" = gm."GroupId"
              LEFT JOIN "ConversationMembers" cm ON cm."ParticipantId" = gm."GroupId"
              LEFT JOIN "GroupReadPositions" r ON r."ConversationId" = cm."ConversationId" AND r."GroupId" = gm."GroupId" AND r."ManagerId" = gm."MemberId"
             WHERE gm."MemberId" = $1 AND gm."Role" = ANY($2)
             GROUP BY g."Id", g."DisplayName", g."Nickname", g."PictureVersion", g."JoinedAt"
        """;

    public async Task<UnreadCounts> HandleAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // One round trip: the person's own total (an index-only scan of their member rows), then one row per managed
        // group. A deleted account keeps its place in conversations, and reads nothing.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection)
        {
            Parameters = { new() { Value = personId }, new() { Value = GroupRoles.ManagerRoleNames } },
        };
        var rows = new List<CountRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new CountRow(reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5)));
            }
        }

        return new UnreadCounts(
            Clamp(rows.Where(r => r.Id is null).Sum(r => r.Unread)),
            rows.Where(r => r.Id is not null).OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase)
                .Select(g => new GroupUnread(new Profile(g.Id!.Value, g.DisplayName, g.Nickname, "", g.PictureVersion, g.JoinedAt, true), Clamp(g.Unread))).ToList());
    }

    private static int Clamp(long count) => (int)Math.Min(count, int.MaxValue);

    private sealed record CountRow(Guid? Id, string DisplayName, string Nickname, int PictureVersion, DateTimeOffset JoinedAt, long Unread);
}
