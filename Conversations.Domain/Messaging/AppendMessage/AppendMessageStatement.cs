using Conversations.Domain.Email;
using Conversations.Domain.Realtime;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <param name="Capacity">The sender's message bucket: how many tokens it holds at most, and how fast it refills.</param>
/// <param name="Now">The time by the buckets' clock (<see cref="RateLimitOptions.Clock"/>).</param>
/// <param name="CheckReplyRules">Whether the statement itself checks that the sender may write here (a reply); a new conversation's recipients were checked before.</param>
internal sealed record AppendMessageArguments(
    Actor Sender,
    Guid Conversation,
    string Body,
    Guid? ClientToken,
    double Capacity,
    double PerSecond,
    DateTimeOffset Now,
    bool CheckReplyRules
);

/// <summary>
/// One statement, one round trip: check the sender may write here (when asked; their address confirmed too), take a rate-limit token (or stop), count the
/// message in, write it (in its writer's language, for <see cref="SearchText"/>), move every member's copy of the position (the author has read up to here, in person and as
/// manager of the groups in it), queue a push for each device of its readers (<see cref="Push.PushSender"/> decides at
/// send time whether it goes), and notify the conversation's people and its groups' managers, 150 per notification
/// (NOTIFY's 8,000-byte limit). Returns the message's id and sequence number, or no row when nothing was written.
/// </summary>
internal sealed class AppendMessageStatement : Statement<AppendMessageArguments>
{
    public static readonly AppendMessageStatement Instance = new();

    // csharpier-ignore
    public override string Sql { get; } =
        $"""
            WITH allowed AS (
                SELECT 1 WHERE NOT {P.CheckRules} OR (
                    EXISTS (SELECT 1 FROM "ConversationMembers" mine WHERE mine."ConversationId" = {P.Conversation} AND mine."ParticipantId" = {P.Writer} AND {MessageRequests.CountsSql("mine")})
                    AND {SqlRules.MayWrite(P.Person, P.Writer, P.ForGroup, P.Managers)}
                    AND EXISTS (SELECT 1 FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                                 WHERE o."ConversationId" = {P.Conversation} AND o."ParticipantId" <> {P.Writer} AND {Participants.DeletedAccount.NotSql("p")} AND {MessageRequests.CountsSql("o")})
                    AND NOT EXISTS (
                        SELECT 1 FROM "ConversationMembers" o JOIN "Participants" p ON p."Id" = o."ParticipantId"
                         WHERE o."ConversationId" = {P.Conversation} AND o."ParticipantId" <> {P.Writer}
                           AND ({SqlRules.Refuses("p", P.Writer)} OR {Moderation.PlatformBlock.Sql("p")})))),
            bucket AS (
                INSERT INTO "RateLimitBuckets" AS b ("ParticipantId", "Kind", "Tokens", "UpdatedAt")
                SELECT {P.Person}, {P.Kind}, {P.FirstTokens}, {P.Now} FROM allowed
                ON CONFLICT ("ParticipantId", "Kind") DO UPDATE
                   SET "Tokens" = {RateLimiter.TokensNowSql("b", P.Capacity, P.PerSecond, P.Now)} - 1, "UpdatedAt" = {P.Now}
                 WHERE {RateLimiter.TokensNowSql("b", P.Capacity, P.PerSecond, P.Now)} >= 1
                RETURNING 1),
            conv AS (
                UPDATE "Conversations" SET "LastSeq" = "LastSeq" + 1, "LastActivityAt" = clock_timestamp()
                 WHERE "Id" = {P.Conversation} AND EXISTS (SELECT 1 FROM bucket)
                RETURNING "LastSeq", "LastActivityAt"),
            msg AS (
                INSERT INTO "Messages" ("ConversationId", "Seq", "SenderId", "AuthorId", "Body", "SentAt", "ClientToken", "SearchLanguage")
                SELECT {P.Conversation}, conv."LastSeq", {P.Writer}, {P.Author}, {P.Body}, conv."LastActivityAt", {P.ClientToken},
                       (SELECT lang."Language" FROM "Participants" lang WHERE lang."Id" = {P.Person}) FROM conv
                RETURNING "Id", "Seq"),
            members AS (
                UPDATE "ConversationMembers" AS m
                   SET "LastSeq" = conv."LastSeq", "LastActivityAt" = conv."LastActivityAt",
                       "LastReadSeq" = CASE WHEN m."ParticipantId" = {P.Person} THEN conv."LastSeq" ELSE m."LastReadSeq" END,
                       "UnmailedSince" = {EmailDue.AfterAppendSql("m", "m.\"ParticipantId\" = " + P.Person, "conv.\"LastActivityAt\"")}
                  FROM conv WHERE m."ConversationId" = {P.Conversation}
                RETURNING m."ParticipantId"),
            positions AS (
                INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq")
                SELECT {P.Conversation}, gm."GroupId", gm."MemberId", conv."LastSeq"
                  FROM conv, "ConversationMembers" cm JOIN "GroupMembers" gm ON gm."GroupId" = cm."ParticipantId"
                 WHERE cm."ConversationId" = {P.Conversation} AND gm."MemberId" = {P.Person} AND gm."Role" = ANY({P.Managers})
                ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE SET "LastReadSeq" = EXCLUDED."LastReadSeq"
                 WHERE "GroupReadPositions"."LastReadSeq" < EXCLUDED."LastReadSeq"
                RETURNING 1),
            readers AS (
                SELECT "ParticipantId" AS id FROM members
                UNION
                SELECT gm."MemberId" FROM members JOIN "GroupMembers" gm ON gm."GroupId" = members."ParticipantId" WHERE gm."Role" = ANY({P.Managers})),
            pushes AS (
                INSERT INTO "PushMessages" ("SubscriptionId", "ConversationId", "Seq", "DueAt", "Attempts")
                SELECT s."Id", {P.Conversation}, conv."LastSeq", conv."LastActivityAt", 0
                  FROM conv, readers JOIN "PushSubscriptions" s ON s."PersonId" = readers.id
                 WHERE readers.id <> {P.Person}
                ON CONFLICT DO NOTHING
                RETURNING 1),
            notified AS (
                SELECT pg_notify({P.Channel}, json_build_object('Kind', 'posted', 'Conversation', {P.Conversation}, 'Actor', {P.Writer},
                                 'Seq', (SELECT "LastSeq" FROM conv), 'To', json_agg(id), 'At', (SELECT "LastActivityAt" FROM conv))::text)
                  FROM (SELECT id, (row_number() OVER () - 1) / {P.PerNotification} AS part FROM readers) AS r
                 GROUP BY part)
            SELECT msg."Id", msg."Seq", (SELECT count(*) FROM notified) AS "Notifications" FROM msg
            """;

    /// <summary>The statement's parameters by name, numbered in the order <see cref="Bind"/> gives their values.</summary>
    private static class P
    {
        public const string Person = "$1",
            Kind = "$2",
            FirstTokens = "$3",
            Capacity = "$4",
            PerSecond = "$5",
            Conversation = "$6",
            Writer = "$7",
            Author = "$8",
            Body = "$9",
            ClientToken = "$10",
            Managers = "$11",
            Channel = "$12",
            PerNotification = "$13",
            CheckRules = "$14",
            ForGroup = "$15",
            Now = "$16";
    }

    protected override IEnumerable<NpgsqlParameter> Bind(AppendMessageArguments a) =>
        [
            /* Person */Value(a.Sender.PersonId), /* Kind */
            Value(RateLimiter.Messages), /* FirstTokens */
            Value(a.Capacity - 1),
            /* Capacity */Value(a.Capacity), /* PerSecond */
            Value(a.PerSecond), /* Conversation */
            Value(a.Conversation),
            /* Writer: the person, or the group they write for */Value(a.Sender.ParticipantId),
            /* Author: the person behind a group's message */Uuid(a.Sender.ForGroup ? a.Sender.PersonId : null),
            /* Body */Text(a.Body), /* ClientToken */
            Uuid(a.ClientToken), /* Managers */
            ManagerRoles(),
            /* Channel */Value(EventEnvelope.Channel), /* PerNotification */
            Value(EventPublisher.MaxRecipientsPerNotification),
            /* CheckRules */Value(a.CheckReplyRules), /* ForGroup */
            Value(a.Sender.ForGroup), /* Now */
            Value(a.Now),
        ];
}
