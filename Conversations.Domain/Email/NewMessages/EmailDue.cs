namespace Conversations.Domain.Email;

/// <summary>
/// When a conversation member is due a new-message email: from the time of the first message they have neither read
/// nor been mailed about (<see cref="Messaging.ConversationMember.UnmailedSince"/>), once <see cref="EmailOptions.NotifyAfter"/>
/// has passed. The one home of that rule: <see cref="Waits"/> says which rows wait, and the SQL spellings below are
/// what the statements that move a row's positions (a message appended, a read, an email pass) write into it.
/// A truth-table test holds the two together.
/// </summary>
internal static class EmailDue
{
    /// <summary>A row waits for an email when something is unread and nothing was mailed since the member last read.</summary>
    /// A message request (see <see cref="Messaging.MessageRequests"/>) never waits: its text is never mailed; nor does a
    /// muted row (<see cref="Messaging.Telling.Heard"/>).
    public static bool Waits(
        long lastSeq,
        long lastReadSeq,
        long notifiedSeq,
        Messaging.MessageRequest request = Messaging.MessageRequest.None,
        bool muted = false
    ) =>
        Messaging.MessageRequests.Counts(request)
        && Messaging.Telling.Heard(muted)
        && lastSeq > lastReadSeq
        && notifiedSeq <= lastReadSeq;

    /// <summary>
    /// The row's value once a message sent at <paramref name="sentAt"/> is appended, from the row's values before:
    /// the author has read it; a member who had read everything waits from this message; anyone else as before.
    /// </summary>
    // csharpier-ignore
    public static string AfterAppendSql(string member, string isAuthor, string sentAt) =>
        $"""CASE WHEN {isAuthor} OR NOT {Messaging.MessageRequests.CountsSql(member)} OR NOT {Messaging.Telling.HeardSql($"{member}.\"Muted\"")} THEN NULL WHEN {member}."LastSeq" = {member}."LastReadSeq" THEN {sentAt} ELSE {member}."UnmailedSince" END""";

    /// <summary>
    /// The row's value once its read position is <paramref name="lastReadSeq"/> and its mailed position
    /// <paramref name="notifiedSeq"/> (<see cref="Waits"/> in SQL, and then the time of the first message after the read position).
    /// </summary>
    // csharpier-ignore
    public static string RecomputedSql(string member, string lastReadSeq, string notifiedSeq) =>
        $"""
            CASE WHEN {Messaging.MessageRequests.CountsSql(member)} AND {Messaging.Telling.HeardSql($"{member}.\"Muted\"")}
                      AND {member}."LastSeq" > {lastReadSeq} AND {notifiedSeq} <= {lastReadSeq}
                 THEN (SELECT f."SentAt" FROM "Messages" f WHERE f."ConversationId" = {member}."ConversationId" AND f."Seq" = {lastReadSeq} + 1) END
            """;
}
