using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>Looks up a participant's public profile by nickname or id; a deleted account has none.</summary>
public sealed class FindProfile(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<Profile?> ByNicknameAsync(string nickname, CancellationToken cancellationToken = default)
    {
        var normal = Nickname.Normalize(nickname);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Project(db.Participants.Where(p => p.Nickname == normal && p.DeletedAt == null))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Profile?> ByIdAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Project(db.Participants.Where(p => p.Id == id && p.DeletedAt == null))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<Profile> Project(IQueryable<Participant> participants) =>
        participants.AsNoTracking().Select(ProfileProjection.FromParticipant);
}
