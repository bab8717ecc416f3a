namespace Conversations.Domain.Groups;

/// <summary>A member's role in a group. The creator and admins are the group's managers.</summary>
public enum GroupRole
{
    Member,
    Admin,
    Creator,
}

public static class GroupRoles
{
    /// <summary>
    /// The one definition of the manager roles: the C# check (<see cref="IsManager"/>), the LINQ queries
    /// (<see cref="Managers"/>) and the SQL statements (<see cref="ManagerRoleNames"/> as a parameter) all come from it.
    /// </summary>
    public static readonly IReadOnlyList<GroupRole> ManagerRoles = [GroupRole.Admin, GroupRole.Creator];

    /// <summary>The manager roles as stored (the role column holds the enum's name), for SQL's <c>"Role" = ANY($n)</c>.</summary>
    public static readonly string[] ManagerRoleNames = ManagerRoles.Select(r => r.ToString()).ToArray();

    public static bool IsManager(this GroupRole role) => ManagerRoles.Contains(role);

    public static string Label(this GroupRole role) =>
        role switch
        {
            GroupRole.Creator => "creator",
            GroupRole.Admin => "admin",
            _ => "member",
        };
}
