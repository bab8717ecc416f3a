using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Groups;

/// <summary>A pending invitation into a group, as its invitee sees it.</summary>
public sealed record GroupInvitationView(Profile Group, Profile InvitedBy, DateTimeOffset InvitedAt);

/// <summary>
/// The invitee answers: accepting makes them a plain member, declining forgets the invitation; either way it is gone.
/// Only the invitee can answer their invitation; anyone else is told it does not exist.
/// </summary>
public sealed class AnswerGroupInvitation(IDbContextFactory<ConversationsDbContext> contexts, TimeProvider time)
{
    public static NotFound InvitationNotFound => new(ProblemCodes.InvitationNotFound);

    public async Task<Result<bool>> HandleAsync(
        PersonId person,
        GroupId group,
        bool accept,
        CancellationToken cancellationToken = default
    )
    {
        var (personId, groupId) = (person.Value, group.Value);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var groupLives = await GroupGate.LockAsync(db, groupId, cancellationToken);
        // Only an invitation that reached them: one from someone they blocked does not exist for them.
        var removed = await GroupInvitations
            .Received(db)
            .Where(i => i.GroupId == groupId && i.PersonId == personId)
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0 || !groupLives || !await LivePerson.ExistsAsync(db, personId, cancellationToken))
        {
            return InvitationNotFound;
        }

        if (accept && await GroupGate.MembershipAsync(db, groupId, personId, cancellationToken) is null)
        {
            db.GroupMembers.Add(
                new GroupMember
                {
                    GroupId = groupId,
                    MemberId = personId,
                    Role = GroupRole.Member,
                    JoinedAt = Clock.Now(time),
                }
            );
            await db.SaveChangesAsync(cancellationToken);
            await GroupGate.TellAsync(db, groupId, personId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return accept;
    }
}

/// <summary>
/// A person's pending invitations, newest first — never from someone they blocked since (nor into a group they blocked).
/// </summary>
public sealed class ListGroupInvitations(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<IReadOnlyList<GroupInvitationView>> HandleAsync(
        Guid personId,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
            from i in GroupInvitations.Received(db)
            where i.PersonId == personId
            join g in db.Participants on i.GroupId equals g.Id
            join inviter in db.Participants on i.InvitedById equals inviter.Id
            where g.DeletedAt == null
            orderby i.InvitedAt descending
            select new GroupInvitationView(
                new Profile(
                    g.Id,
                    g.DisplayName,
                    g.Nickname,
                    g.About,
                    g.PictureVersion,
                    g.JoinedAt,
                    g.IsGroup,
                    g.DeletedAt != null
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
    }
}
