using System.Buffers;
using System.Text.Json;
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

    /// <param name="requests">The message requests waiting for the reader (or the group), instead of their conversations.</param>
    /// <param name="archived">The conversations the reader archived, instead of their inbox.</param>
    public async Task<Result<InboxPage>> HandleAsync(
        Actor reader,
        InboxCursor? after = null,
        int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default,
        bool requests = false,
        bool archived = false
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The others of each row come as one small JSON array, in name order (cheaper for PostgreSQL than seven arrays).
        await using var command = await InboxStatement.Instance.CommandAsync(
            db,
            new InboxArguments(
                new ParticipantId(reader.ParticipantId),
                new PersonId(reader.PersonId),
                reader.ForGroup,
                after?.LastActivityAt ?? DateTimeOffset.MaxValue,
                new ConversationId(after?.ConversationId ?? Guid.Empty),
                pageSize + 1,
                PreviewLength + 1,
                requests,
                archived
            ),
            cancellationToken
        );
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
            return Groups.GroupGate.GroupNotFound;
        }

        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? new InboxCursor(page[^1].LastActivityAt, page[^1].ConversationId) : null;
        return new InboxPage(page, next);
    }

    private static InboxRow ToInboxRow(NpgsqlDataReader row)
    {
        var othersColumn = row.GetOrdinal("Others");
        var others = row.IsDBNull(othersColumn) ? [] : OthersJson.Read(row, othersColumn);
        var body = row.Get<string>("LastMessage");
        return new InboxRow(
            row.Get<Guid>("ConversationId"),
            others,
            body.Length > PreviewLength ? body[..PreviewLength].TrimEnd() + "…" : body,
            new ParticipantId(row.Get<Guid>("LastSenderId")),
            row.Get<DateTimeOffset>("LastActivityAt"),
            row.Get<int>("Unread"),
            row.GetOrNull<bool>("Waiting") ?? false,
            row.Get<bool>("Muted")
        );
    }
}

/// <summary>
/// Reads the inbox row's others (a JSON array of small objects built by the statement) straight into profiles with
/// <see cref="Utf8JsonReader"/>: a page's 21 arrays took ~80 µs through the serializer's metadata (4 µs each), a tenth
/// of the whole page's time.
/// </summary>
internal static class OthersJson
{
    /// <summary>The column's UTF-8 bytes as they came from the server (<c>GetStream</c> works on any type), never a string.</summary>
    public static List<Profile> Read(NpgsqlDataReader row, int column)
    {
        using var stream = row.GetStream(column);
        var length = (int)stream.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            stream.ReadExactly(buffer, 0, length);
            return Read(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static List<Profile> Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var others = new List<Profile>();
        reader.Read(); // [
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            others.Add(ReadOne(ref reader));
        }

        return others;
    }

    private static Profile ReadOne(ref Utf8JsonReader reader)
    {
        Guid id = default;
        string displayName = "",
            nickname = "";
        var pictureVersion = 0;
        DateTimeOffset joinedAt = default;
        bool isGroup = false,
            isDeleted = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("Id"u8))
            {
                id = reader.GetGuid();
            }
            else if (name.SequenceEqual("DisplayName"u8))
            {
                displayName = reader.GetString()!;
            }
            else if (name.SequenceEqual("Nickname"u8))
            {
                nickname = reader.GetString()!;
            }
            else if (name.SequenceEqual("PictureVersion"u8))
            {
                pictureVersion = reader.GetInt32();
            }
            else if (name.SequenceEqual("JoinedAt"u8))
            {
                joinedAt = reader.GetDateTimeOffset();
            }
            else if (name.SequenceEqual("IsGroup"u8))
            {
                isGroup = reader.GetBoolean();
            }
            else if (name.SequenceEqual("IsDeleted"u8))
            {
                isDeleted = reader.GetBoolean();
            }
            else
            {
                reader.Skip();
            }
        }

        return new Profile(id, displayName, nickname, "", pictureVersion, joinedAt, isGroup, isDeleted);
    }
}
