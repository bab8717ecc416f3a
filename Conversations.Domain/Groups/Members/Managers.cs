using Conversations.Domain.Persistence;

namespace Conversations.Domain.Groups;

/// <summary>Who manages a group, in LINQ (see <see cref="GroupRoles.ManagerRoles"/>; the SQL twin is <see cref="ManagesSql"/>).</summary>
internal static class Managers
{
    private static readonly GroupRole[] Roles = [.. GroupRoles.ManagerRoles];

    /// <summary>Every membership row of a manager.</summary>
    public static IQueryable<GroupMember> Rows(ConversationsDbContext db) =>
        db.GroupMembers.Where(m => Roles.Contains(m.Role));

    /// <summary>The group's managers, as their membership rows.</summary>
    public static IQueryable<GroupMember> Of(ConversationsDbContext db, Guid groupId) =>
        Rows(db).Where(m => m.GroupId == groupId);

    /// <summary>The groups a person manages, as their membership rows.</summary>
    public static IQueryable<GroupMember> ManagedBy(ConversationsDbContext db, Guid personId) =>
        Rows(db).Where(m => m.MemberId == personId);

    /// <summary>SQL: <paramref name="person"/> manages <paramref name="group"/>, with the roles bound as <paramref name="managerRoles"/>.</summary>
    public static string ManagesSql(string group, string person, string managerRoles) =>
        $"""EXISTS (SELECT 1 FROM "GroupMembers" gm WHERE gm."GroupId" = {group} AND gm."MemberId" = {person} AND gm."Role" = ANY({managerRoles}))""";
}
