namespace Conversations.Domain.Messaging;

/// <summary>
/// The one home of "is a reader told of this" for every channel that tells outside the page (emails, pushes) and the
/// badge. Two rules:
/// <list type="bullet">
/// <item><b>Blocks</b> (<see cref="ToldSql"/>): never of a message written by someone the reader blocked — in person, or
/// as the manager writing for a group — nor by someone blocked on the platform (the sender or the manager behind a
/// group's message). The message stays in the conversation and counts as unread there (<see cref="Unread"/>).</item>
/// <item><b>Mute</b> (<see cref="Heard"/>): a person who muted a conversation — their own, or one of a group's they
/// manage — or, as a manager, the group's whole inbox, hears nothing of it: no email, no push, not on the badge. It
/// stays listed, marked muted, with its unread count in place; unmuting brings the next message's telling back (what
/// arrived while muted is never mailed).</item>
/// </list>
/// </summary>
public static class Telling
{
    /// <summary>Whether a reader hears of a conversation: they did not mute it, nor (as a manager) the group's inbox.</summary>
    public static bool Heard(bool conversationMuted, bool inboxMuted = false) => !conversationMuted && !inboxMuted;

    /// <summary><see cref="Heard"/> in SQL, over boolean expressions that are never null.</summary>
    internal static string HeardSql(string conversationMuted, string inboxMuted = "false") =>
        $"(NOT {conversationMuted} AND NOT {inboxMuted})";

    /// <summary>
    /// In SQL: <paramref name="person"/> hears of <paramref name="conversation"/> as one of the managers of its group
    /// participant <paramref name="group"/> (their own mute of it, and of the group's inbox).
    /// </summary>
    // csharpier-ignore
    internal static string HeardAsManagerSql(string person, string conversation, string group) =>
        HeardSql(
            $"""COALESCE((SELECT hr."Muted" FROM "GroupReadPositions" hr WHERE hr."ConversationId" = {conversation} AND hr."GroupId" = {group} AND hr."ManagerId" = {person}), false)""",
            $"""EXISTS (SELECT 1 FROM "GroupMembers" hm WHERE hm."GroupId" = {group} AND hm."MemberId" = {person} AND hm."InboxMuted")""");

    /// <summary>In SQL: the reader (an expression for their id) is told of the message row <paramref name="message"/>.</summary>
    // csharpier-ignore
    internal static string ToldSql(string reader, string message) =>
        $"""
            (NOT EXISTS (SELECT 1 FROM "Blocks" tb WHERE tb."BlockerId" = {reader} AND tb."BlockedId" IN ({message}."SenderId", {message}."AuthorId"))
             AND NOT EXISTS (SELECT 1 FROM "Participants" tw WHERE tw."Id" IN ({message}."SenderId", {message}."AuthorId") AND {Moderation.PlatformBlock.Sql("tw")}))
            """;
}
