using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Groups;

/// <summary>A member leaves a group; its only manager (often the creator) cannot, until someone else manages it.</summary>
public sealed class LeaveGroup(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Result<bool>> HandleAsync(
        PersonId person,
        GroupId group,
        CancellationToken cancellationToken = default
    )
    {
        var (personId, groupId) = (person.Value, group.Value);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await GroupGate.LockAsync(db, groupId, cancellationToken))
        {
            return GroupGate.GroupNotFound;
        }

        var membership = await GroupGate.MembershipAsync(db, groupId, personId, cancellationToken);
        if (membership is null)
        {
            return new NotFound(ProblemCodes.NotYourselfAMember);
        }

        if (membership.Role.IsManager() && await GroupGate.ManagerCountAsync(db, groupId, cancellationToken) == 1)
        {
            return new NotAllowed(ProblemCodes.GroupOnlyManagerLeaving);
        }

        db.GroupMembers.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        await GroupGate.StopManagingAsync(db, groupId, personId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
