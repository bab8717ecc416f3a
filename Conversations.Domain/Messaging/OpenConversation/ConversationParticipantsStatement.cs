using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Everyone in a conversation, with what the page and the reply rules need: deleted or blocked or not, whether they refuse the
/// reader's messages (<see cref="SqlRules.Refuses"/>), and whether the person manages them (a group).
/// </summary>
internal sealed class ConversationParticipantsStatement : Statement<ReaderArguments>
{
    public static readonly ConversationParticipantsStatement Instance = new();

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
                SELECT p."Id", p."DisplayName", p."Nickname", p."PictureVersion", p."JoinedAt", p."IsGroup", {Participants.DeletedAccount.Sql("p")} AS "IsDeleted",
                       {Moderation.PlatformBlock.Sql("p")} AS "IsBlocked",
                       {SqlRules.Refuses("p", "$2")} AS "Refuses",
                       p."IsGroup" AND {Groups.Managers.ManagesSql("p.\"Id\"", "$3", "$4")} AS "Managed", o."Request"
                  FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                 WHERE o."ConversationId" = $1
            """;

    protected override IEnumerable<NpgsqlParameter> Bind(ReaderArguments a) =>
        [Value(a.Conversation), Value(a.Reader), Value(a.Person), ManagerRoles()];
}
