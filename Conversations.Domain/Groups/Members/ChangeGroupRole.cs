using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Groups;

public sealed record ChangeGroupRoleCommand(PersonId Manager, GroupId Group, PersonId Member, GroupRole NewRole)
{
    internal Guid ManagerId => Manager.Value;

    internal Guid GroupId => Group.Value;

    internal Guid MemberId => Member.Value;
}

/// <summary>
/// A manager promotes a member to admin or demotes an admin to member. The creator's role is not changed and
/// not given; a group always keeps at least one manager.
/// </summary>
public sealed class ChangeGroupRole(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Result<GroupMember>> HandleAsync(
        ChangeGroupRoleCommand command,
        CancellationToken cancellationToken = default
    )
    {
        if (command.NewRole == GroupRole.Creator)
        {
            return new NotAllowed(ProblemCodes.GroupOneCreator);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (
            await GroupGate.LockForManagerAsync(db, command.GroupId, command.ManagerId, cancellationToken) is
            { } refused
        )
        {
            return refused;
        }

        var member = await GroupGate.MembershipAsync(db, command.GroupId, command.MemberId, cancellationToken);
        if (member is null)
        {
            return new NotFound(ProblemCodes.NotAGroupMember);
        }

        if (member.Role == GroupRole.Creator)
        {
            return new NotAllowed(ProblemCodes.GroupCreatorRole);
        }

        if (member.Role == command.NewRole)
        {
            return member;
        }

        if (
            !command.NewRole.IsManager()
            && await GroupGate.ManagerCountAsync(db, command.GroupId, cancellationToken) == 1
        )
        {
            return GroupGate.LastManager;
        }

        member.Role = command.NewRole;
        await db.SaveChangesAsync(cancellationToken);
        if (command.NewRole.IsManager())
        {
            await GroupGate.StartManagingAsync(db, command.GroupId, member.MemberId, cancellationToken);
        }
        else
        {
            await GroupGate.StopManagingAsync(db, command.GroupId, member.MemberId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return member;
    }
}
