using Npgsql;

namespace Conversations.Domain.Messaging;

/// <param name="BeforeSeq">Only messages before this one (long.MaxValue for the latest).</param>
internal sealed record MessagesArguments(Guid Conversation, long BeforeSeq, int Rows);

/// <summary>A conversation's messages before a given one, newest first, each with its acting manager (for a group's message).</summary>
internal sealed class ConversationMessagesStatement : Statement<MessagesArguments>
{
    public static readonly ConversationMessagesStatement Instance = new();

    public override string Sql { get; } =
        $"""
                SELECT msg."Id", msg."Seq", msg."SenderId", msg."Body", msg."SentAt", msg."AuthorId",
                       a."DisplayName" AS "AuthorName", a."Nickname" AS "AuthorNickname", a."PictureVersion" AS "AuthorPictureVersion",
                       a."JoinedAt" AS "AuthorJoinedAt", {Participants.DeletedAccount.Sql("a")} AS "AuthorDeleted"
                  FROM "Messages" msg LEFT JOIN "Participants" a ON a."Id" = msg."AuthorId"
                 WHERE msg."ConversationId" = $1 AND msg."Seq" < $2
                 ORDER BY msg."Seq" DESC
                 LIMIT $3
            """;

    protected override IEnumerable<NpgsqlParameter> Bind(MessagesArguments a) =>
        [Value(a.Conversation), Value(a.BeforeSeq), Value(a.Rows)];
}
