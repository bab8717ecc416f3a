using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// The other participants of a conversation as the reply rules see them (name, deleted, blocked on the platform, refuses the writer,
/// whether they took it in; and whether the writer did) — no row
/// at all when the writer may not see the conversation.
/// </summary>
internal sealed class ReplyCheckStatement : Statement<ReaderArguments>
{
    public static readonly ReplyCheckStatement Instance = new();

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
            SELECT p."DisplayName", {Participants.DeletedAccount.Sql("p")} AS "Deleted", {Moderation.PlatformBlock.Sql("p")} AS "Blocked",
                   {SqlRules.Refuses("p", "$2")} AS "Refuses", o."Request", mine."Request" AS "MyRequest"
              FROM "ConversationMembers" mine
              JOIN "ConversationMembers" o ON o."ConversationId" = mine."ConversationId" AND o."ParticipantId" <> mine."ParticipantId"
              JOIN "Participants" p ON p."Id" = o."ParticipantId"
             WHERE mine."ConversationId" = $1 AND mine."ParticipantId" = $2
               AND {SqlRules.MayAct("$3", "$2", "$4", "$5")}
            """;

    protected override IEnumerable<NpgsqlParameter> Bind(ReaderArguments a) =>
        [Value(a.Conversation), Value(a.Reader), Value(a.Person), Value(a.ForGroup), ManagerRoles()];
}
