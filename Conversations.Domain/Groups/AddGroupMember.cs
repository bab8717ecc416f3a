using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Groups;

public sealed record AddGroupMemberCommand(Guid ManagerId, Guid GroupId, string? Nickname);

/// <summary>A manager adds a person to the group, by nickname, as a plain member.</summary>
public sealed class AddGroupMember(IDbContextFactory<ConversationsDbContext> contexts, TimeProvider time)
{
    public async Task<Result<GroupMember>> HandleAsync(AddGroupMemberCommand command, CancellationToken cancellationToken = default)
    {
        var nickname = Nickname.Normalize(command.Nickname);
        if (nickname.Length == 0)
        {
            return new Invalid("Nickname", "Enter the nickname of the person to add.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await GroupGate.LockForManagerAsync(db, command.GroupId, command.ManagerId, cancellationToken) is { } refused)
        {
            return refused;
        }

        // Only a live person can be added: a deleted account's nickname stays reserved, and it can never manage anything.
        var personId = await LivePerson.All(db).Where(p => p.Nickname == nickname).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (personId is not { } id)
        {
            return await db.Participants.AnyAsync(p => p.Nickname == nickname && p.IsGroup, cancellationToken)
                ? new Invalid("Nickname", $"@{nickname} is a group: only people can be members of a group.")
                : new Invalid("Nickname", $"Nobody is called @{nickname}: check the nickname.");
        }

        if (await GroupGate.MembershipAsync(db, command.GroupId, id, cancellationToken) is not null)
        {
            return new Invalid("Nickname", $"@{nickname} is already a member of this group.");
        }

        var member = new GroupMember { GroupId = command.GroupId, MemberId = id, Role = GroupRole.Member, JoinedAt = Clock.Now(time) };
        db.GroupMembers.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        await GroupGate.TellAsync(db, command.GroupId, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return member;
    }
}
