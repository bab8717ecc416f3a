using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Groups;

public sealed record RemoveGroupMemberCommand(PersonId Manager, GroupId Group, PersonId Member)
{
    internal Guid ManagerId => Manager.Value;

    internal Guid GroupId => Group.Value;

    internal Guid MemberId => Member.Value;
}

/// <summary>
/// A manager removes a member or an admin from the group; the creator cannot be removed. A removed manager
/// loses access to the group's conversations at once.
/// </summary>
public sealed class RemoveGroupMember(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Result<bool>> HandleAsync(
        RemoveGroupMemberCommand command,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (
            await GroupGate.LockForManagerAsync(db, command.GroupId, command.ManagerId, cancellationToken) is
            { } refused
        )
        {
            return refused;
        }

        if (command.MemberId == command.ManagerId)
        {
            return new NotAllowed(ProblemCodes.GroupRemoveYourself);
        }

        var member = await GroupGate.MembershipAsync(db, command.GroupId, command.MemberId, cancellationToken);
        if (member is null)
        {
            return new NotFound(ProblemCodes.NotAGroupMember);
        }

        if (member.Role == GroupRole.Creator)
        {
            return new NotAllowed(ProblemCodes.GroupCreatorRemoved);
        }

        db.GroupMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        await GroupGate.StopManagingAsync(db, command.GroupId, command.MemberId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
