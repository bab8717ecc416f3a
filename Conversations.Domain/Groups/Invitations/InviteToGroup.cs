using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Groups;

public sealed record InviteToGroupCommand(PersonId Manager, GroupId Group, string? Nickname)
{
    internal Guid ManagerId => Manager.Value;

    internal Guid GroupId => Group.Value;
}

/// <summary>
/// A manager invites a person, by nickname, into the group; they become a plain member only when they accept
/// (<see cref="AnswerGroupInvitation"/>). Nobody is put in a group without saying yes. A person who blocked the inviter
/// (or the group) never receives the invitation, and the inviter is answered as if it had gone: a block is not told.
/// </summary>
public sealed class InviteToGroup(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<RateLimitOptions> limits,
    TimeProvider time
)
{
    public async Task<Result<GroupInvitation>> HandleAsync(
        InviteToGroupCommand command,
        CancellationToken cancellationToken = default
    )
    {
        var nickname = Nickname.Normalize(command.Nickname);
        if (nickname.Length == 0)
        {
            return new Invalid("Nickname", ProblemCodes.InviteNicknameEmpty);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await RateLimiter.TakeChangeAsync(db, limits.Value, command.ManagerId, cancellationToken) is { } tooOften)
        {
            return tooOften; // every try counts, kept or refused: guessing nicknames here is work too
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (
            await GroupGate.LockForManagerAsync(db, command.GroupId, command.ManagerId, cancellationToken) is
            { } refused
        )
        {
            return refused;
        }

        // Only a live person can be invited: a deleted account's nickname stays reserved, and it can never manage anything.
        var personId = await LivePerson
            .All(db)
            .Where(p => p.Nickname == nickname)
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (personId is not { } id)
        {
            return await db.Participants.AnyAsync(p => p.Nickname == nickname && p.IsGroup, cancellationToken)
                ? new Invalid("Nickname", ProblemCodes.InviteGroup, nickname)
                : new Invalid("Nickname", ProblemCodes.InviteNobody, nickname);
        }

        if (await GroupGate.MembershipAsync(db, command.GroupId, id, cancellationToken) is not null)
        {
            return new Invalid("Nickname", ProblemCodes.InviteAlreadyMember, nickname);
        }

        if (
            await db.GroupInvitations.AnyAsync(i => i.GroupId == command.GroupId && i.PersonId == id, cancellationToken)
        )
        {
            return new Invalid("Nickname", ProblemCodes.InviteAlreadyInvited, nickname);
        }

        // Kept even when the person blocked the inviter or the group: it never reaches them (GroupInvitations.Received),
        // and to the managers it is one more invitation nobody answered — nothing they see tells a block apart.
        var invitation = new GroupInvitation
        {
            GroupId = command.GroupId,
            PersonId = id,
            InvitedById = command.ManagerId,
            InvitedAt = Clock.Now(time),
        };
        db.GroupInvitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return invitation;
    }
}
