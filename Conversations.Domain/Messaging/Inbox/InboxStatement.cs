using Conversations.Domain.Common;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <param name="Owner">Whose inbox: the person, or the group a manager reads for.</param>
/// <param name="Rows">How many rows at most (a page and one more, to know whether there is a next).</param>
/// <param name="Requests">The message requests waiting for the owner, instead of the conversations that count for them.</param>
/// <param name="Archived">The conversations the reader archived (<see cref="Archive"/>), instead of their inbox.</param>
internal sealed record InboxArguments(
    ParticipantId Owner,
    PersonId Person,
    bool ForGroup,
    DateTimeOffset BeforeActivity,
    ConversationId BeforeConversation,
    int Rows,
    int PreviewLength,
    bool Requests = false,
    bool Archived = false
);

/// <summary>
/// A page of an inbox: keyset paging on (last activity, id) by seeking backwards in the owner's member rows (the inbox
/// index); each row with the others as one small JSON array in name order, the last message cut short and the reader's
/// unread count (their own read position, or their position as one of the group's managers), and whether it waits for
/// the others to accept it (a request the owner sent), and whether the reader muted it. Message requests to the owner are
/// listed apart (<see cref="MessageRequests"/>), and so are the conversations the reader archived (<see cref="Archive"/>).
/// </summary>
internal sealed class InboxStatement : Statement<InboxArguments>
{
    public static readonly InboxStatement Instance = new();

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
                SELECT m."ConversationId", m."LastActivityAt",
                       {Unread.Sql("m", "CASE WHEN $3 THEN COALESCE(r.\"LastReadSeq\", 0) ELSE m.\"LastReadSeq\" END")}::int AS "Unread",
                       {MessageRequests.AwaitedSql("m", "$1")} AS "Waiting",
                       left(lm."Body", $7) AS "LastMessage", lm."SenderId" AS "LastSenderId",
                       CASE WHEN $3 THEN COALESCE(r."Muted", false) ELSE m."Muted" END AS "Muted",
                       (SELECT json_agg(json_build_object('Id', p."Id", 'DisplayName', p."DisplayName", 'Nickname', p."Nickname", 'PictureVersion', p."PictureVersion",
                                                          'JoinedAt', p."JoinedAt", 'IsGroup', p."IsGroup", 'IsDeleted', {Participants.DeletedAccount.Sql("p")}) ORDER BY p."DisplayName")::text
                          FROM "ConversationMembers" om JOIN "Participants" p ON p."Id" = om."ParticipantId"
                         WHERE om."ConversationId" = m."ConversationId" AND om."ParticipantId" <> $1) AS "Others"
                  FROM "ConversationMembers" m
                  JOIN "Messages" lm ON lm."ConversationId" = m."ConversationId" AND lm."Seq" = m."LastSeq"
                  LEFT JOIN "GroupReadPositions" r ON $3 AND r."ConversationId" = m."ConversationId" AND r."GroupId" = $1 AND r."ManagerId" = $2
                 WHERE m."ParticipantId" = $1 AND {MessageRequests.InStateSql("m", "$9")}
                   AND ($9 <> 0 OR {Archive.ArchivedSql("m.\"LastSeq\"", "CASE WHEN $3 THEN r.\"ArchivedSeq\" ELSE m.\"ArchivedSeq\" END")} = $10)
                   AND (m."LastActivityAt", m."ConversationId") < ($4, $5)
                   AND {SqlRules.MayAct("$2", "$1", "$3", "$8")}
                 ORDER BY m."LastActivityAt" DESC, m."ConversationId" DESC
                 LIMIT $6
            """;

    protected override IEnumerable<NpgsqlParameter> Bind(InboxArguments a) =>
        [
            Value(a.Owner),
            Value(a.Person),
            Value(a.ForGroup),
            Value(a.BeforeActivity),
            Value(a.BeforeConversation),
            Value(a.Rows),
            Value(a.PreviewLength),
            ManagerRoles(),
            Value((short)(a.Requests ? MessageRequest.Waiting : MessageRequest.None)),
            Value(a.Archived),
        ];
}
