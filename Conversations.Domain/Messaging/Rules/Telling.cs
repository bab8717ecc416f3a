namespace Conversations.Domain.Messaging;

/// <summary>
/// The one home of "is a reader told of this message" for every channel that tells outside the page (emails, pushes):
/// never of a message written by someone the reader blocked — in person, or as the manager writing for a group — nor by
/// someone blocked on the platform (the sender or the manager behind a group's message). The message stays in the
/// conversation and counts as unread there (<see cref="Unread"/>); only its telling is held back.
/// </summary>
internal static class Telling
{
    /// <summary>In SQL: the reader (an expression for their id) is told of the message row <paramref name="message"/>.</summary>
    // csharpier-ignore
    public static string ToldSql(string reader, string message) =>
        $"""
            (NOT EXISTS (SELECT 1 FROM "Blocks" tb WHERE tb."BlockerId" = {reader} AND tb."BlockedId" IN ({message}."SenderId", {message}."AuthorId"))
             AND NOT EXISTS (SELECT 1 FROM "Participants" tw WHERE tw."Id" IN ({message}."SenderId", {message}."AuthorId") AND {Moderation.PlatformBlock.Sql("tw")}))
            """;
}
