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
    /// <summary>The person may act (<see cref="MayAct"/>) and write: their address is confirmed (<see cref="ConfirmedAddress"/>).</summary>
    public static string MayWrite(string person, string participant, string forGroup, string managerRoles) => $"""
        EXISTS (SELECT 1 FROM "Participants" me WHERE me."Id" = {person} AND {LivePerson.Sql("me")} AND {ConfirmedAddress.Sql("me")})
        AND (NOT {forGroup} OR {Managers.ManagesSql(participant, person, managerRoles)})
        """;

    /// <summary>The person's account exists and, when acting for a group, they manage it now.</summary>
    public static string MayAct(string person, string participant, string forGroup, string managerRoles) => $"""
        EXISTS (SELECT 1 FROM "Participants" me WHERE me."Id" = {person} AND {LivePerson.Sql("me")})
        AND (NOT {forGroup} OR {Managers.ManagesSql(participant, person, managerRoles)})
        """;

    /// <summary>The participant row <paramref name="p"/> refuses messages from the sender (see <see cref="Consent"/>).</summary>
    public static string Refuses(string p, string sender) => $"""
        (NOT {p}."IsGroup" AND {p}."DeletedAt" IS NULL
         AND (EXISTS (SELECT 1 FROM "Blocks" b WHERE b."BlockerId" = {p}."Id" AND b."BlockedId" = {sender})
              OR (NOT {p}."AcceptsMessagesFromAnyone"
                  AND NOT EXISTS (SELECT 1 FROM "Follows" f WHERE f."FollowerId" = {p}."Id" AND f."FollowedId" = {sender}))))
        """;
}
