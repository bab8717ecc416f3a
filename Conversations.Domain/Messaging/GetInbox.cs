using System.Text.Json;
using System.Text.Json.Serialization;
using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
        // The others of each row come as one small JSON array, in name order (cheaper for PostgreSQL than seven arrays).
        await using var command = await InboxStatement.Instance.CommandAsync(db, new InboxArguments(
            reader.ParticipantId, reader.PersonId, reader.ForGroup, after?.LastActivityAt ?? DateTimeOffset.MaxValue, after?.ConversationId ?? Guid.Empty,
            pageSize + 1, PreviewLength + 1), cancellationToken);
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
        var others = row.IsNull("Others")
            ? []
            : JsonSerializer.Deserialize(row.Get<string>("Others"), InboxJson.Default.ListOtherJson)!
                .Select(o => new Profile(o.Id, o.DisplayName, o.Nickname, "", o.PictureVersion, o.JoinedAt, o.IsGroup, o.IsDeleted)).ToList();
        var body = row.Get<string>("LastMessage");
        return new InboxRow(
            row.Get<Guid>("ConversationId"),
            others,
            body.Length > PreviewLength ? body[..PreviewLength].TrimEnd() + "…" : body,
            row.Get<Guid>("LastSenderId"),
            row.Get<DateTimeOffset>("LastActivityAt"),
            row.Get<int>("Unread"));
    }
}

internal sealed record OtherJson(Guid Id, string DisplayName, string Nickname, int PictureVersion, DateTimeOffset JoinedAt, bool IsGroup, bool IsDeleted);

/// <summary>Compiled (source-generated) reading of the inbox's JSON: no reflection per call.</summary>
[JsonSerializable(typeof(List<OtherJson>))]
internal sealed partial class InboxJson : JsonSerializerContext;
