using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>A stored avatar and the version its address carries (<c>?v=</c>): the version changes with every upload.</summary>
public sealed record StoredPicture(byte[] Content, string ContentType, int Version);

/// <summary>The uploaded avatar of a participant, by nickname (profiles are public).</summary>
public sealed class GetProfilePicture(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<StoredPicture?> HandleAsync(string nickname, CancellationToken cancellationToken = default)
    {
        var normal = Nickname.Normalize(nickname);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
            from pic in db.ParticipantPictures.AsNoTracking()
            join p in db.Participants on pic.ParticipantId equals p.Id
            where p.Nickname == normal && p.PictureVersion > 0
            select new StoredPicture(pic.Content, pic.ContentType, p.PictureVersion)
        ).FirstOrDefaultAsync(cancellationToken);
    }
}
