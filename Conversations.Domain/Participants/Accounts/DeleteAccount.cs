using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

public sealed record DeleteAccountCommand(Guid PersonId, string? Password, bool Confirmed);

/// <summary>
/// A person deletes their account, confirming with their password. Their personal data is erased in one
/// transaction: name, about, picture, email, password, follows, blocks, group memberships (a group left without a
/// manager gets its oldest member promoted). The row stays, as "Deleted participant", so their messages stay in
/// conversations and their nickname stays reserved; with no email or password it can never sign in again.
/// </summary>
public sealed class DeleteAccount(
    UserManager<Participant> users,
    IDbContextFactory<ConversationsDbContext> contexts,
    TimeProvider time
)
{
    public async Task<Result<bool>> HandleAsync(
        DeleteAccountCommand command,
        CancellationToken cancellationToken = default
    )
    {
        if (!command.Confirmed)
        {
            return new Invalid("Confirmed", ProblemCodes.DeleteNotConfirmed);
        }

        var person = await users.FindByIdAsync(command.PersonId.ToString());
        if (!LivePerson.Is(person))
        {
            return new NotFound(ProblemCodes.AccountNotFound);
        }

        if (await PasswordTries.CheckAsync(users, person, command.Password, time) is { } wrong)
        {
            return wrong;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LeaveGroupsAsync(db, command.PersonId, cancellationToken);
        var id = command.PersonId;
        await db.GroupReadPositions.Where(r => r.ManagerId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Follows.Where(f => f.FollowerId == id || f.FollowedId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Blocks.Where(b => b.BlockerId == id || b.BlockedId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Drafts.Where(d => d.PersonId == id).ExecuteDeleteAsync(cancellationToken); // what they typed and never sent
        await db.ParticipantPictures.Where(p => p.ParticipantId == id).ExecuteDeleteAsync(cancellationToken);
        await db.RateLimitBuckets.Where(b => b.ParticipantId == id).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => c.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => l.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.UserRoles.Where(r => r.UserId == id).ExecuteDeleteAsync(cancellationToken);
        var now = Clock.Now(time);
        await db
            .Participants.Where(p => p.Id == id)
            .ExecuteUpdateAsync(
                set =>
                    set.SetProperty(p => p.DisplayName, Profile.DeletedName)
                        .SetProperty(p => p.About, "")
                        .SetProperty(p => p.PictureVersion, 0)
                        .SetProperty(p => p.Email, (string?)null)
                        .SetProperty(p => p.NormalizedEmail, (string?)null)
                        .SetProperty(p => p.UserName, (string?)null)
                        .SetProperty(p => p.NormalizedUserName, (string?)null)
                        .SetProperty(p => p.PasswordHash, (string?)null)
                        .SetProperty(p => p.PhoneNumber, (string?)null)
                        .SetProperty(p => p.TimeZone, (string?)null)
                        .SetProperty(p => p.Language, (string?)null)
                        .SetProperty(p => p.SecurityStamp, Guid.NewGuid().ToString("N")) // signs out every session at its next check
                        .SetProperty(p => p.DeletedAt, now),
                cancellationToken
            );
        await SignInSessions.EndAllAsync(db, id, now, cancellationToken); // its open pages and hub connections close at once
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Leaves every group; where that leaves a group without a manager, its oldest remaining member becomes an admin.</summary>
    private static async Task LeaveGroupsAsync(
        ConversationsDbContext db,
        Guid personId,
        CancellationToken cancellationToken
    )
    {
        var groupIds = await db
            .GroupMembers.Where(m => m.MemberId == personId)
            .Select(m => m.GroupId)
            .ToListAsync(cancellationToken);
        foreach (var groupId in groupIds.Order())
        {
            await GroupGate.LockAsync(db, groupId, cancellationToken);
            await db
                .GroupMembers.Where(m => m.GroupId == groupId && m.MemberId == personId)
                .ExecuteDeleteAsync(cancellationToken);
            if (await GroupGate.ManagerCountAsync(db, groupId, cancellationToken) > 0)
            {
                continue;
            }

            var oldest = await db
                .GroupMembers.Where(m => m.GroupId == groupId)
                .OrderBy(m => m.JoinedAt)
                .ThenBy(m => m.MemberId)
                .FirstOrDefaultAsync(cancellationToken);
            if (oldest is not null)
            {
                oldest.Role = GroupRole.Admin;
                await db.SaveChangesAsync(cancellationToken);
                await GroupGate.StartManagingAsync(db, groupId, oldest.MemberId, cancellationToken);
            }
        }
    }
}
