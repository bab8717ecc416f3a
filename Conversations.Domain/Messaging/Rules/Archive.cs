namespace Conversations.Domain.Messaging;

/// <summary>
/// The one home of "archived": a reader who archives a conversation (their own, or one of a group's they manage — each
/// manager for themself) takes it out of their inbox into the archived list until a newer message arrives in it, which
/// brings it back by itself. Archiving reads nothing and quiets nothing (that is <see cref="Telling.Heard"/>).
/// </summary>
public static class Archive
{
    /// <param name="lastSeq">The conversation's newest message.</param>
    /// <param name="archivedSeq">The newest message when the reader archived it; null when never archived.</param>
    public static bool Archived(long lastSeq, long? archivedSeq) => archivedSeq is { } at && lastSeq <= at;

    /// <summary><see cref="Archived"/> in SQL.</summary>
    internal static string ArchivedSql(string lastSeq, string archivedSeq) =>
        $"({archivedSeq} IS NOT NULL AND {lastSeq} <= {archivedSeq})";
}
