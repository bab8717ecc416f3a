using Conversations.Domain.Groups;
using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Domain.Messaging;

/// <summary>
/// A page of the reader's conversations, most recently active first, in one query: keyset paging on
/// (last activity, id) by seeking in the reader's own member rows (the inbox index), each row with the other participants, the last message and the reader's unread count.
/// A manager reading for a group sees the group's conversations with their own read state; anyone else asking
/// for a group's inbox is told it does not exist.
/// </summary>
public sealed class GetInbox(IDbContextFactory<ConversationsDbContext> contexts)
{
    public const int PreviewLength = 150;
    public const int DefaultPageSize = 20;

    /// <summary>$1 whose inbox (person or group), $2 the person, $3 for a group?, $4/$5 the cursor, $6 rows, $7 preview length, $8 manager roles.</summary>
    internal static readonly string Sql = $"""
            SELECT m."ConversationId", m."LastActivityAt",
                   (m."LastSeq" - CASE WHEN $3 THEN COALESCE(r."LastReadSeq", 0) ELSE m."LastReadSeq" END)::int,
                   left(lm."Body", $7), lm."SenderId",
                   (SELECT json_agg(json_build_object('Id', p."Id", 'DisplayName', p."DisplayName", 'Nickname', p."Nickname", 'PictureVersion', p."PictureVersion",
                                                      'JoinedAt', p."JoinedAt", 'IsGroup', p."IsGroup", 'IsDeleted', p."DeletedAt" IS NOT NULL) ORDER BY p."DisplayName")::text
                      FROM "ConversationMembers" om JOIN "Participants" p ON p."Id" = om."ParticipantId"
                     WHERE om."ConversationId" = m."ConversationId" AND om."ParticipantId" <> $1)
              FROM "ConversationMembers" m
              JOIN "Messages" lm ON lm."ConversationId" = m."ConversationId" AND lm."Seq" = m."LastSeq"
              LEFT JOIN "GroupReadPositions" r ON $3 AND r."ConversationId" = m."ConversationId" AND r."GroupId" = $1 AND r."ManagerId" = $2
             WHERE m."ParticipantId" = $1
               AND (m."LastActivityAt", m."ConversationId") < ($4, $5)
               AND {SqlRules.MayAct("$2", "$1", "$3", "$8")}
             ORDER BY m."LastActivityAt" DESC, m."ConversationId" DESC
             LIMIT $6
        """;

    public async Task<Result<InboxPage>> HandleAsync(Actor reader, InboxCursor? after = null, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // The others of each row come as one small JSON array, in name order (cheaper for PostgreSQL than seven arrays).
        await using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)db.Database.GetDbConnection())
        {
            Parameters =
            {
                new() { Value = reader.ParticipantId }, new() { Value = reader.PersonId }, new() { Value = reader.ForGroup },
                new() { Value = after?.LastActivityAt ?? DateTimeOffset.MaxValue }, new() { Value = after?.ConversationId ?? Guid.Empty },
                new() { Value = pageSize + 1 }, new() { Value = PreviewLength + 1 }, new() { Value = GroupRoles.ManagerRoleNames },
            },
        };
        var rows = new List<InboxRow>();
        await using (var read = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await read.ReadAsync(cancellationToken))
            {
                rows.Add(ToInboxRow(read));
            }
        }

        // The rows come only while the reader may read them (checked in the query); an empty page may mean they may not.
        if (rows.Count == 0 && !await Access.CanActAsync(db, reader, cancellationToken))
        {
            return new NotFound("This group does not exist.");
        }

        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? new InboxCursor(page[^1].LastActivityAt, page[^1].ConversationId) : null;
        return new InboxPage(page, next);
    }

    private static InboxRow ToInboxRow(NpgsqlDataReader row)
    {
        var others = row.IsDBNull(5)
            ? []
            : JsonSerializer.Deserialize(row.GetString(5), InboxJson.Default.ListOtherJson)!
                .Select(o => new Profile(o.Id, o.DisplayName, o.Nickname, "", o.PictureVersion, o.JoinedAt, o.IsGroup, o.IsDeleted)).ToList();
        var body = row.GetString(3);
        return new InboxRow(
            row.GetGuid(0),
            others,
            body.Length > PreviewLength ? body[..PreviewLength].TrimEnd() + "…" : body,
            row.GetGuid(4),
            row.GetFieldValue<DateTimeOffset>(1),
            row.GetInt32(2));
    }
}

internal sealed record OtherJson(Guid Id, string DisplayName, string Nickname, int PictureVersion, DateTimeOffset JoinedAt, bool IsGroup, bool IsDeleted);

/// <summary>Compiled (source-generated) reading of the inbox's JSON: no reflection per call.</summary>
[JsonSerializable(typeof(List<OtherJson>))]
internal sealed partial class InboxJson : JsonSerializerContext;
