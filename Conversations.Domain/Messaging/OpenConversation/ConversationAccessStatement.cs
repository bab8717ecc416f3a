using Conversations.Domain.Common;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <param name="Reader">The conversation's participant who reads: the person, or the group a manager reads for.</param>
internal sealed record ReaderArguments(
    ConversationId Conversation,
    ParticipantId Reader,
    PersonId Person,
    bool ForGroup
)
{
    public ReaderArguments(Guid conversation, Actor actor)
        : this(
            new ConversationId(conversation),
            new ParticipantId(actor.ParticipantId),
            new PersonId(actor.PersonId),
            actor.ForGroup
        ) { }
}

/// <summary>
/// Whether the reader may read the conversation now (one row, or none), how far they have read it, and whether they
/// muted or archived it (as a manager: their own choices for the group's conversation).
/// </summary>
internal sealed class ConversationAccessStatement : Statement<ReaderArguments>
{
    public static readonly ConversationAccessStatement Instance = new();

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
                SELECT c."LastSeq",
                       CASE WHEN $4 THEN COALESCE(r."LastReadSeq", 0)
                            ELSE m."LastReadSeq" END AS "LastReadSeq", m."Request",
                       CASE WHEN $4 THEN COALESCE(r."Muted", false) ELSE m."Muted" END AS "Muted",
                       {Archive.ArchivedSql("c.\"LastSeq\"", "CASE WHEN $4 THEN r.\"ArchivedSeq\" ELSE m.\"ArchivedSeq\" END")} AS "Archived"
                  FROM "Conversations" c JOIN "ConversationMembers" m ON m."ConversationId" = c."Id" AND m."ParticipantId" = $2
                  LEFT JOIN "GroupReadPositions" r ON $4 AND r."ConversationId" = $1 AND r."GroupId" = $2 AND r."ManagerId" = $3
                 WHERE c."Id" = $1
                   AND {SqlRules.MayAct("$3", "$2", "$4", "$5")}
            """;

    protected override IEnumerable<NpgsqlParameter> Bind(ReaderArguments a) =>
        [Value(a.Conversation), Value(a.Reader), Value(a.Person), Value(a.ForGroup), ManagerRoles()];
}
