using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Groups;

/// <summary>An invitation into a group that its invitee has not answered, as the group's managers see it.</summary>
public sealed record PendingInvitation(Profile Person, Profile InvitedBy, DateTimeOffset InvitedAt);

/// <summary>
/// The group's managers see whom the group invited and who has not answered yet, and may withdraw an invitation (then
/// the invitee no longer sees it, and accepting it finds nothing). Nobody else sees them. An invitation whose invitee
/// blocked its inviter since stays listed as unanswered: the managers are not told of a block.
/// </summary>
public sealed class PendingInvitations(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Result<IReadOnlyList<PendingInvitation>>> ListAsync(
        PersonId manager,
        GroupId group,
        CancellationToken cancellationToken = default
    )
    {
        var (managerId, groupId) = (manager.Value, group.Value);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (
            await GroupGate.MembershipAsync(db, groupId, managerId, cancellationToken) is not { } membership
            || !membership.Role.IsManager()
        )
        {
            return GroupGate.OnlyManagers;
        }

        var pending = await (
            from i in db.GroupInvitations
            where i.GroupId == groupId
            join person in db.Participants on i.PersonId equals person.Id
            join inviter in db.Participants on i.InvitedById equals inviter.Id
            where person.DeletedAt == null
            orderby i.InvitedAt descending
            select new PendingInvitation(
                new Profile(
                    person.Id,
                    person.DisplayName,
                    person.Nickname,
                    "",
                    person.PictureVersion,
                    person.JoinedAt,
                    person.IsGroup,
                    false
                ),
                new Profile(
                    inviter.Id,
                    inviter.DisplayName,
                    inviter.Nickname,
                    "",
                    inviter.PictureVersion,
                    inviter.JoinedAt,
                    inviter.IsGroup,
                    inviter.DeletedAt != null
                ),
                i.InvitedAt
            )
        ).ToListAsync(cancellationToken);
        return pending;
    }

    public async Task<Result<bool>> WithdrawAsync(
        PersonId manager,
        GroupId group,
        PersonId person,
        CancellationToken cancellationToken = default
    )
    {
        var (managerId, groupId, personId) = (manager.Value, group.Value, person.Value);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await GroupGate.LockForManagerAsync(db, groupId, managerId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (
            await db
                .GroupInvitations.Where(i => i.GroupId == groupId && i.PersonId == personId)
                .ExecuteDeleteAsync(cancellationToken) == 0
        )
        {
            return AnswerGroupInvitation.InvitationNotFound;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
