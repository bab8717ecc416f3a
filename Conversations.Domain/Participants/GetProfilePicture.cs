using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>The uploaded avatar of a participant, by nickname (profiles are public).</summary>
public sealed class GetProfilePicture(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<ParticipantPicture?> HandleAsync(string nickname, CancellationToken cancellationToken = default)
    {
        var normal = Nickname.Normalize(nickname);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ParticipantPictures.AsNoTracking()
            .Where(pic => db.Participants.Any(p => p.Id == pic.ParticipantId && p.Nickname == normal))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
