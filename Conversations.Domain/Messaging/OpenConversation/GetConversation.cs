using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// A conversation for one of its participants (or a manager reading for a group in it): the latest messages, or
/// those before a given one, or those around one (a message a search found: it and <see cref="AfterFound"/> after it). One round trip: a batch of three statements (who may read it and how far they read;
/// everyone in it with what the reply rules need; the messages), answered "not found" unless the first finds a row.
/// </summary>
public sealed class GetConversation(IDbContextFactory<ConversationsDbContext> contexts)
{
    public const int PageSize = 50;

    /// <summary>Opened at a message (from a search): this many of the messages after it are shown too.</summary>
    public const int AfterFound = 10;

    /// <summary>The conversation around message <paramref name="seq"/>: the page of messages ending <see cref="AfterFound"/> after it.</summary>
    public Task<Result<ConversationView>> AroundAsync(
        Actor reader,
        ConversationId conversation,
        long seq,
        CancellationToken cancellationToken = default
    ) => LoadAsync(reader, conversation, Math.Max(1, seq) + AfterFound + 1, replyRules: true, cancellationToken);

    /// <param name="beforeSeq">Only the messages before this one (an older page: then who may reply is not asked).</param>
    public Task<Result<ConversationView>> HandleAsync(
        Actor reader,
        ConversationId conversation,
        long? beforeSeq = null,
        CancellationToken cancellationToken = default
    ) => LoadAsync(reader, conversation, beforeSeq, replyRules: beforeSeq is null, cancellationToken);

    private async Task<Result<ConversationView>> LoadAsync(
        Actor reader,
        ConversationId conversation,
        long? beforeSeq,
        bool replyRules,
        CancellationToken cancellationToken
    )
    {
        var conversationId = conversation.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var opened = await OpenedConnection.OpenAsync(db, cancellationToken);
        var asReader = new ReaderArguments(conversationId, reader);
        await using var batch = new NpgsqlBatch(opened.Connection)
        {
            BatchCommands =
            {
                ConversationAccessStatement.Instance.BatchCommand(asReader),
                ConversationParticipantsStatement.Instance.BatchCommand(asReader),
                ConversationMessagesStatement.Instance.BatchCommand(
                    new MessagesArguments(conversationId, beforeSeq ?? long.MaxValue, PageSize + 1)
                ),
            },
        };

        await using var rows = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await rows.ReadAsync(cancellationToken))
        {
            return Access.ConversationNotFound;
        }

        var (lastSeq, lastRead, mine, muted, archived) = (
            rows.Get<long>("LastSeq"),
            rows.Get<long>("LastReadSeq"),
            (MessageRequest)rows.Get<short>("Request"),
            rows.Get<bool>("Muted"),
            rows.Get<bool>("Archived")
        );
        await rows.NextResultAsync(cancellationToken);
        var participants = new List<(Profile Profile, bool Refuses, bool Managed, MessageRequest Request)>();
        while (await rows.ReadAsync(cancellationToken))
        {
            var profile = new Profile(
                rows.Get<Guid>("Id"),
                rows.Get<string>("DisplayName"),
                rows.Get<string>("Nickname"),
                "",
                rows.Get<int>("PictureVersion"),
                rows.Get<DateTimeOffset>("JoinedAt"),
                rows.Get<bool>("IsGroup"),
                rows.Get<bool>("IsDeleted"),
                rows.Get<bool>("IsBlocked")
            );
            participants.Add(
                (
                    profile,
                    rows.Get<bool>("Refuses"),
                    rows.Get<bool>("Managed"),
                    (MessageRequest)rows.Get<short>("Request")
                )
            );
        }

        await rows.NextResultAsync(cancellationToken);
        var newestFirst = new List<MessageView>();
        var column = new MessageColumns(rows); // looked up by name once, read by position on every row
        while (await rows.ReadAsync(cancellationToken))
        {
            var senderId = rows.GetGuid(column.SenderId);
            // Who wrote a group's message is told only to that group's managers.
            var author =
                !rows.IsDBNull(column.AuthorId) && participants.Any(p => p.Managed && p.Profile.Id == senderId)
                    ? new Profile(
                        rows.GetGuid(column.AuthorId),
                        rows.GetString(column.AuthorName),
                        rows.GetString(column.AuthorNickname),
                        "",
                        rows.GetInt32(column.AuthorPictureVersion),
                        rows.GetFieldValue<DateTimeOffset>(column.AuthorJoinedAt),
                        false,
                        rows.GetBoolean(column.AuthorDeleted)
                    )
                    : null;
            newestFirst.Add(
                new MessageView(
                    rows.GetInt64(column.Id),
                    rows.GetInt64(column.Seq),
                    senderId,
                    rows.GetString(column.Body),
                    rows.GetFieldValue<DateTimeOffset>(column.SentAt),
                    author
                )
            );
        }

        var others = participants.Where(p => p.Profile.Id != reader.ParticipantId).ToList();
        var cannotReply =
            !replyRules ? null
            : reader.ForGroup
            && participants.FirstOrDefault(p => p.Profile.Id == reader.ParticipantId).Profile
                is { IsBlocked: true } blockedGroup
                ? Moderation.PlatformBlock.GroupBlocked(blockedGroup.DisplayName)
            : Consent.WhyCannotReply(
                others
                    .Select(o => new OtherParticipant(
                        o.Profile.DisplayName,
                        o.Profile.IsDeleted,
                        o.Refuses,
                        o.Profile.IsBlocked,
                        o.Request
                    ))
                    .ToList(),
                mine
            );
        return new ConversationView(
            conversationId,
            new ParticipantId(reader.ParticipantId),
            participants.Select(p => p.Profile).OrderBy(p => p.DisplayName).ToList(),
            newestFirst.Take(PageSize).Reverse().ToList(),
            newestFirst.Count > PageSize,
            (int)(lastSeq - lastRead),
            cannotReply,
            mine,
            muted,
            archived,
            lastSeq
        );
    }

    /// <summary>The positions of <see cref="ConversationMessagesStatement"/>'s columns, found by their names.</summary>
    private readonly struct MessageColumns(System.Data.Common.DbDataReader rows)
    {
        public int Id { get; } = rows.GetOrdinal("Id");

        public int Seq { get; } = rows.GetOrdinal("Seq");

        public int SenderId { get; } = rows.GetOrdinal("SenderId");

        public int Body { get; } = rows.GetOrdinal("Body");

        public int SentAt { get; } = rows.GetOrdinal("SentAt");

        public int AuthorId { get; } = rows.GetOrdinal("AuthorId");

        public int AuthorName { get; } = rows.GetOrdinal("AuthorName");

        public int AuthorNickname { get; } = rows.GetOrdinal("AuthorNickname");

        public int AuthorPictureVersion { get; } = rows.GetOrdinal("AuthorPictureVersion");

        public int AuthorJoinedAt { get; } = rows.GetOrdinal("AuthorJoinedAt");

        public int AuthorDeleted { get; } = rows.GetOrdinal("AuthorDeleted");
    }
}
