using Conversations.Domain.Groups;
using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// A conversation for one of its participants (or a manager reading for a group in it): the latest messages, or
/// those before a given one. One round trip: a batch of three statements (who may read it and how far they read;
/// everyone in it with what the reply rules need; the messages), answered "not found" unless the first finds a row.
/// </summary>
public sealed class GetConversation(IDbContextFactory<ConversationsDbContext> contexts)
{
    public const int PageSize = 50;

    /// <summary>$1 conversation, $2 reader (person or group), $3 person, $4 for a group?, $5 manager roles.</summary>
    internal static readonly string AccessSql = $"""
            SELECT c."LastSeq",
                   CASE WHEN $4 THEN COALESCE((SELECT r."LastReadSeq" FROM "GroupReadPositions" r
                                                WHERE r."ConversationId" = $1 AND r."GroupId" = $2 AND r."ManagerId" = $3), 0)
                        ELSE m."LastReadSeq" END
              FROM "Conversations" c JOIN "ConversationMembers" m ON m."ConversationId" = c."Id" AND m."ParticipantId" = $2
             WHERE c."Id" = $1
               AND {SqlRules.MayAct("$3", "$2", "$4", "$5")}
        """;

    /// <summary>$1 conversation, $2 reader (person or group), $3 person, $4 manager roles.</summary>
    internal static readonly string ParticipantsSql = $"""
            SELECT p."Id", p."DisplayName", p."Nickname", p."PictureVersion", p."JoinedAt", p."IsGroup", p."DeletedAt" IS NOT NULL,
                   {SqlRules.Refuses("p", "$2")},
                   p."IsGroup" AND {Managers.ManagesSql("p.\"Id\"", "$3", "$4")}
              FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
             WHERE o."ConversationId" = $1
        """;

    /// <summary>$1 conversation, $2 before this sequence number, $3 rows.</summary>
    internal const string MessagesSql = """
            SELECT msg."Id", msg."Seq", msg."SenderId", msg."Body", msg."SentAt", msg."AuthorId",
                   a."DisplayName", a."Nickname", a."PictureVersion", a."JoinedAt", a."DeletedAt" IS NOT NULL
              FROM "Messages" msg LEFT JOIN "Participants" a ON a."Id" = msg."AuthorId"
             WHERE msg."ConversationId" = $1 AND msg."Seq" < $2
             ORDER BY msg."Seq" DESC
             LIMIT $3
        """;

    public async Task<Result<ConversationView>> HandleAsync(Actor reader, Guid conversationId, long? beforeSeq = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command(AccessSql, conversationId, reader.ParticipantId, reader.PersonId, reader.ForGroup, GroupRoles.ManagerRoleNames),
                Command(ParticipantsSql, conversationId, reader.ParticipantId, reader.PersonId, GroupRoles.ManagerRoleNames),
                Command(MessagesSql, conversationId, beforeSeq ?? long.MaxValue, PageSize + 1),
            },
        };

        await using var rows = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await rows.ReadAsync(cancellationToken))
        {
            return Access.ConversationNotFound;
        }

        var (lastSeq, lastRead) = (rows.GetInt64(0), rows.GetInt64(1));
        await rows.NextResultAsync(cancellationToken);
        var participants = new List<(Profile Profile, bool Refuses, bool Managed)>();
        while (await rows.ReadAsync(cancellationToken))
        {
            var profile = new Profile(rows.GetGuid(0), rows.GetString(1), rows.GetString(2), "", rows.GetInt32(3), rows.GetFieldValue<DateTimeOffset>(4), rows.GetBoolean(5), rows.GetBoolean(6));
            participants.Add((profile, rows.GetBoolean(7), rows.GetBoolean(8)));
        }

        await rows.NextResultAsync(cancellationToken);
        var newestFirst = new List<MessageView>();
        while (await rows.ReadAsync(cancellationToken))
        {
            var senderId = rows.GetGuid(2);
            // Who wrote a group's message is told only to that group's managers.
            var author = !rows.IsDBNull(5) && participants.Any(p => p.Managed && p.Profile.Id == senderId)
                ? new Profile(rows.GetGuid(5), rows.GetString(6), rows.GetString(7), "", rows.GetInt32(8), rows.GetFieldValue<DateTimeOffset>(9), false, rows.GetBoolean(10))
                : null;
            newestFirst.Add(new MessageView(rows.GetInt64(0), rows.GetInt64(1), senderId, rows.GetString(3), rows.GetFieldValue<DateTimeOffset>(4), author));
        }

        var others = participants.Where(p => p.Profile.Id != reader.ParticipantId).ToList();
        var cannotReply = beforeSeq is not null ? null
            : Consent.WhyCannotReply(others.Select(o => new OtherParticipant(o.Profile.DisplayName, o.Profile.IsDeleted, o.Refuses)).ToList());
        return new ConversationView(conversationId, reader.ParticipantId, participants.Select(p => p.Profile).OrderBy(p => p.DisplayName).ToList(),
            newestFirst.Take(PageSize).Reverse().ToList(), newestFirst.Count > PageSize, (int)(lastSeq - lastRead), cannotReply);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
