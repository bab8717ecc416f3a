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
    public static bool IsManager(this GroupRole role) => role is GroupRole.Admin or GroupRole.Creator;

    public static string Label(this GroupRole role) => role switch
    {
        GroupRole.Creator => "creator",
        GroupRole.Admin => "admin",
        _ => "member",
    };
}
