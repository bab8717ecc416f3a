using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Groups;

public sealed record GroupMembershipView(Profile Group, GroupRole Role);

/// <summary>The groups a person belongs to, for their profile.</summary>
public sealed class ListGroupsOf(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<IReadOnlyList<GroupMembershipView>> HandleAsync(
        Guid personId,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db
            .GroupMembers.AsNoTracking()
            .Where(m => m.MemberId == personId)
            .Join(db.Participants, m => m.GroupId, g => g.Id, (m, g) => new { m.Role, Group = g })
            .Select(x => new GroupMembershipView(
                new Profile(
                    x.Group.Id,
                    x.Group.DisplayName,
                    x.Group.Nickname,
                    "",
                    x.Group.PictureVersion,
                    x.Group.JoinedAt,
                    true
                ),
                x.Role
            ))
            .ToListAsync(cancellationToken);
        return groups.OrderBy(g => g.Group.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
