using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Groups;

/// <summary>A manager acting for a group: the group, and the actor to read and write in its name.</summary>
public sealed record GroupActor(Profile Group, Actor Actor);

/// <summary>
/// Enters a group's inbox: only its managers may; plain members, strangers and unknown nicknames all get the
/// same "not found".
/// </summary>
public sealed class ActForGroup(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Result<GroupActor>> HandleAsync(
        Guid personId,
        string nickname,
        CancellationToken cancellationToken = default
    )
    {
        var normal = Participants.Nickname.Normalize(nickname);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db
            .Participants.AsNoTracking()
            .Where(g => g.Nickname == normal && g.IsGroup)
            .Select(ProfileProjection.FromParticipant)
            .FirstOrDefaultAsync(cancellationToken);
        var actor = Actor.ManagerOf(new GroupId(group?.Id ?? Guid.Empty), new PersonId(personId));
        return group is not null && await Access.CanActAsync(db, actor, cancellationToken)
            ? new GroupActor(group, actor)
            : GroupGate.GroupNotFound;
    }
}
