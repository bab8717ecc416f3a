using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Domain.Groups;

public static class GroupsServices
{
    /// <summary>Groups: create, invite, answer, roles, leave, act in a group's name.</summary>
    public static IServiceCollection AddGroups(this IServiceCollection services)
    {
        services.AddSingleton<CreateGroup>();
        services.AddSingleton<GetGroup>();
        services.AddSingleton<ListGroupsOf>();
        services.AddSingleton<ActForGroup>();
        services.AddSingleton<InviteToGroup>();
        services.AddSingleton<PendingInvitations>();
        services.AddSingleton<AnswerGroupInvitation>();
        services.AddSingleton<ListGroupInvitations>();
        services.AddSingleton<RemoveGroupMember>();
        services.AddSingleton<ChangeGroupRole>();
        services.AddSingleton<LeaveGroup>();
        return services;
    }
}
