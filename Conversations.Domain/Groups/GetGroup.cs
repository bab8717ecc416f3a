using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Groups;

public sealed record GroupMemberView(Profile Person, GroupRole Role, DateTimeOffset JoinedAt);

/// <summary>
/// A group's public page: its profile and members with their roles, and what the viewer is in it (null for a
/// non-member or a signed-out visitor).
/// </summary>
public sealed record GroupView(Profile Group, IReadOnlyList<GroupMemberView> Members, GroupRole? ViewerRole)
{
    public int MemberCount => Members.Count;

    public bool ViewerIsManager => ViewerRole?.IsManager() == true;
}

/// <summary>A group by its nickname, as the viewer sees it.</summary>
public sealed class GetGroup(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Result<GroupView>> HandleAsync(
        string nickname,
        Guid? viewerId,
        CancellationToken cancellationToken = default
    )
    {
        var normal = Participants.Nickname.Normalize(nickname);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db
            .Participants.AsNoTracking()
            .Where(p => p.Nickname == normal && p.IsGroup)
            .Select(ProfileProjection.FromParticipant)
            .FirstOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return GroupGate.GroupNotFound;
        }

        var members = await db
            .GroupMembers.AsNoTracking()
            .Where(m => m.GroupId == group.Id)
            .Join(
                db.Participants,
                m => m.MemberId,
                p => p.Id,
                (m, p) =>
                    new
                    {
                        m.Role,
                        m.JoinedAt,
                        Person = p,
                    }
            )
            .Select(x => new GroupMemberView(
                new Profile(
                    x.Person.Id,
                    x.Person.DisplayName,
                    x.Person.Nickname,
                    "",
                    x.Person.PictureVersion,
                    x.Person.JoinedAt,
                    false
                ),
                x.Role,
                x.JoinedAt
            ))
            .ToListAsync(cancellationToken);
        var ordered = members
            .OrderByDescending(m => m.Role)
            .ThenBy(m => m.Person.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        var viewerRole = viewerId is { } id ? ordered.FirstOrDefault(m => m.Person.Id == id)?.Role : null;
        return new GroupView(group, ordered, viewerRole);
    }
}
