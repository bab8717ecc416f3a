using Conversations.Domain.Groups;
using Conversations.Domain.Participants;

namespace Conversations.Domain.Messaging;

/// <summary>
/// The rules the hand-written statements of the hot paths share, each written once in SQL (their LINQ twins are
/// <see cref="Managers"/> and <see cref="Consent.RefusalsAsync"/>). Arguments are SQL expressions: parameters
/// such as <c>$2</c>, or columns.
/// </summary>
internal static class SqlRules
{
    /// <summary>
    /// The person may act (<see cref="MayAct"/>) and write: their address is confirmed (<see cref="ConfirmedAddress"/>), and
    /// a group they write for is not blocked on the platform (nobody writes in its name).
    /// </summary>
    // csharpier-ignore
    public static string MayWrite(string person, string participant, string forGroup, string managerRoles) =>
        $"""
            EXISTS (SELECT 1 FROM "Participants" me WHERE me."Id" = {person} AND {LivePerson.Sql("me")} AND {ConfirmedAddress.Sql("me")})
            AND (NOT {forGroup} OR ({Managers.ManagesSql(participant, person, managerRoles)}
                                    AND NOT EXISTS (SELECT 1 FROM "Participants" g WHERE g."Id" = {participant} AND {Moderation.PlatformBlock.Sql("g")})))
            """;

    /// <summary>The person's account exists and, when acting for a group, they manage it now.</summary>
    public static string MayAct(string person, string participant, string forGroup, string managerRoles) =>
        $"""
            EXISTS (SELECT 1 FROM "Participants" me WHERE me."Id" = {person} AND {LivePerson.Sql("me")})
            AND (NOT {forGroup} OR {Managers.ManagesSql(participant, person, managerRoles)})
            """;

    /// <summary>The manager roles as an SQL array of constants (the names come from <see cref="GroupRoles.ManagerRoleNames"/>).</summary>
    private static readonly string ManagerRolesSql =
        $"ARRAY[{string.Join(", ", GroupRoles.ManagerRoleNames.Select(r => $"'{r}'"))}]::text[]";

    /// <summary>
    /// The participant row <paramref name="p"/> refuses messages from the sender (see <see cref="Consent"/>): a block from
    /// the recipient's side (the person, or a group's managers) against the sender's side (the sender, and a group's
    /// managers), each side an index lookup; or a stranger to a person who accepts only whom they follow.
    /// </summary>
    // csharpier-ignore
    public static string Refuses(string p, string sender) =>
        $"""
            ({DeletedAccount.NotSql(p)}
             AND (EXISTS (SELECT 1 FROM "Blocks" b
                           WHERE b."BlockerId" IN (SELECT {p}."Id"
                                                   UNION ALL
                                                   SELECT rm."MemberId" FROM "GroupMembers" rm
                                                    WHERE {p}."IsGroup" AND rm."GroupId" = {p}."Id" AND rm."Role" = ANY({ManagerRolesSql}))
                             AND b."BlockedId" IN (SELECT {sender}
                                                   UNION ALL
                                                   SELECT sm."MemberId" FROM "GroupMembers" sm WHERE sm."GroupId" = {sender} AND sm."Role" = ANY({ManagerRolesSql})))
                  OR (NOT {p}."IsGroup" AND NOT {p}."AcceptsMessagesFromAnyone"
                      AND NOT EXISTS (SELECT 1 FROM "Follows" f WHERE f."FollowerId" = {p}."Id" AND f."FollowedId" = {sender}))))
            """;
}
