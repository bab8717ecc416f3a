using System.Text.Json;
using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

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

    public async Task<Result<InboxPage>> HandleAsync(Actor reader, InboxCursor? after = null, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (ownerId, personId, forGroup) = (reader.ParticipantId, reader.PersonId, reader.ForGroup);
        var afterAt = after?.LastActivityAt ?? DateTimeOffset.MaxValue;
        var afterId = after?.ConversationId ?? Guid.Empty;
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT m."ConversationId" AS "Id", m."LastActivityAt",
                   (m."LastSeq" - CASE WHEN {forGroup} THEN COALESCE(r."LastReadSeq", 0) ELSE m."LastReadSeq" END)::int AS "Unread",
                   left(lm."Body", {PreviewLength + 1}) AS "Body", lm."SenderId",
                   (SELECT json_agg(json_build_object('Id', p."Id", 'DisplayName', p."DisplayName", 'Nickname', p."Nickname",
                                                      'PictureVersion', p."PictureVersion", 'JoinedAt', p."JoinedAt", 'IsGroup', p."IsGroup", 'IsDeleted', p."DeletedAt" IS NOT NULL) ORDER BY p."DisplayName")
                      FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                     WHERE o."ConversationId" = m."ConversationId" AND o."ParticipantId" <> {ownerId})::text AS "Others"
              FROM "ConversationMembers" m
              JOIN "Messages" lm ON lm."ConversationId" = m."ConversationId" AND lm."Seq" = m."LastSeq"
              LEFT JOIN "GroupReadPositions" r ON {forGroup} AND r."ConversationId" = m."ConversationId" AND r."GroupId" = {ownerId} AND r."ManagerId" = {personId}
             WHERE m."ParticipantId" = {ownerId}
               AND (m."LastActivityAt", m."ConversationId") < ({afterAt}, {afterId})
               AND EXISTS (SELECT 1 FROM "Participants" me WHERE me."Id" = {personId} AND me."DeletedAt" IS NULL AND NOT me."IsGroup")
               AND (NOT {forGroup} OR EXISTS (SELECT 1 FROM "GroupMembers" gm WHERE gm."GroupId" = {ownerId} AND gm."MemberId" = {personId}
                                                                  AND gm."Role" = ANY({Access.ManagerRoles})))
             ORDER BY m."LastActivityAt" DESC, m."ConversationId" DESC
             LIMIT {pageSize + 1}
            """).AsAsyncEnumerable().ToListAsync(cancellationToken);

        // The rows come only while the reader may read them (checked in the query); an empty page may mean they may not.
        if (rows.Count == 0 && !await Access.CanActAsync(db, reader, cancellationToken))
        {
            return new NotFound("This group does not exist.");
        }

        var page = rows.Take(pageSize).Select(ToInboxRow).ToList();
        var next = rows.Count > pageSize ? new InboxCursor(page[^1].LastActivityAt, page[^1].ConversationId) : null;
        return new InboxPage(page, next);
    }

    private static InboxRow ToInboxRow(Row row) => new(
        row.Id,
        JsonSerializer.Deserialize<List<OtherJson>>(row.Others ?? "[]")!.Select(o => new Profile(o.Id, o.DisplayName, o.Nickname, "", o.PictureVersion, o.JoinedAt, o.IsGroup, o.IsDeleted)).ToList(),
        row.Body.Length > PreviewLength ? row.Body[..PreviewLength].TrimEnd() + "…" : row.Body,
        row.SenderId,
        row.LastActivityAt,
        row.Unread);

    private sealed record Row(Guid Id, DateTimeOffset LastActivityAt, int Unread, string Body, Guid SenderId, string? Others);

    private sealed record OtherJson(Guid Id, string DisplayName, string Nickname, int PictureVersion, DateTimeOffset JoinedAt, bool IsGroup, bool IsDeleted);
}
