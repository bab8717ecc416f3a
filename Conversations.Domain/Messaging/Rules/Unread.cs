namespace Conversations.Domain.Messaging;

/// <summary>
/// The one definition of "unread", for the badge, the inbox, the conversation page and the emails: the messages after
/// the reader's position (their own, or their own as one of a group's managers) in a conversation that counts for the
/// reader — not a message request (<see cref="MessageRequests.Counts"/>). Writing moves the writer's positions, so
/// every unread message is someone else's and the count is a subtraction. Messages from someone the reader blocked
/// (written before the block: a block stops anything new) count like any other until read — the conversation is the
/// reader's and they may open it — but their text is never mailed (<c>Email/NewMessageEmails</c>).
/// </summary>
public static class Unread
{
    public static long Count(long lastSeq, long lastReadSeq, MessageRequest request) =>
        MessageRequests.Counts(request) ? lastSeq - lastReadSeq : 0;

    /// <summary>
    /// The sum of <see cref="Count"/> over the member rows <paramref name="member"/> an aggregate reads (the badge): the
    /// same rule as an aggregate's filter, so PostgreSQL skips the rows that do not count instead of adding a zero for each.
    /// </summary>
    /// <param name="heard">Whether the reader hears of the row (<see cref="Telling.Heard"/> in SQL): a muted row is left out.</param>
    internal static string SumSql(string member, string lastReadSeq, string heard = "true") =>
        $"""COALESCE(SUM({member}."LastSeq" - {lastReadSeq}) FILTER (WHERE {MessageRequests.CountsSql(member)} AND {heard}), 0)""";

    /// <summary>
    /// The badge's own total for <paramref name="person"/>, the hottest read: every member row's difference (an index-only
    /// sum, as plain as it can be), less the few rows that do not count or are not heard — requests and muted rows, found
    /// through their own small index (<c>IX_ConversationMembers_Requests</c>). The same rule as <see cref="SumSql"/>; the
    /// truth table holds them together.
    /// </summary>
    // csharpier-ignore
    internal static string PersonalTotalSql(string person) =>
        $"""
            (COALESCE((SELECT SUM(a."LastSeq" - a."LastReadSeq") FROM "ConversationMembers" a WHERE a."ParticipantId" = {person}), 0)
             - COALESCE((SELECT SUM(w."LastSeq" - w."LastReadSeq") FROM "ConversationMembers" w
                          WHERE w."ParticipantId" = {person} AND NOT ({MessageRequests.CountsSql("w")} AND {Telling.HeardSql("w.\"Muted\"")})), 0))
            """;

    /// <summary>
    /// Whether message <paramref name="seq"/> of <paramref name="conversation"/> is unread for <paramref name="person"/>, as
    /// SQL: after their own position, or after their own position as one of the managers (roles in <c>@roles</c>) of a
    /// group in it, in a conversation that counts for them. What withdraws a push once read; with <paramref name="heard"/>,
    /// also heard by them (<see cref="Telling.Heard"/>): what a push announces.
    /// </summary>
    // csharpier-ignore
    internal static string ForReaderSql(string person, string conversation, string seq, bool heard = false) =>
        $"""
            (EXISTS (SELECT 1 FROM "ConversationMembers" m
                      WHERE m."ConversationId" = {conversation} AND m."ParticipantId" = {person}
                        AND {MessageRequests.CountsSql("m")} AND m."LastReadSeq" < {seq}
                        AND {(heard ? Telling.HeardSql("m.\"Muted\"") : "true")})
             OR EXISTS (SELECT 1 FROM "ConversationMembers" cm
                          LEFT JOIN "GroupReadPositions" r ON r."ConversationId" = cm."ConversationId" AND r."GroupId" = cm."ParticipantId" AND r."ManagerId" = {person}
                         WHERE cm."ConversationId" = {conversation} AND {Groups.Managers.ManagesSql("cm.\"ParticipantId\"", person, "@roles")}
                           AND {MessageRequests.CountsSql("cm")} AND COALESCE(r."LastReadSeq", 0) < {seq}
                           AND {(heard ? Telling.HeardAsManagerSql(person, conversation, "cm.\"ParticipantId\"") : "true")}))
            """;

    /// <summary><see cref="Count"/> for the member row <paramref name="member"/> read up to <paramref name="lastReadSeq"/>, in SQL.</summary>
    internal static string Sql(string member, string lastReadSeq) =>
        $"""(CASE WHEN {MessageRequests.CountsSql(member)} THEN {member}."LastSeq" - {lastReadSeq} ELSE 0 END)""";
}
