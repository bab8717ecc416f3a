using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Participants;

/// <summary>A participant uploads a new avatar picture (PNG, JPEG, GIF or WebP, at most 1 MB), stored re-encoded (<see cref="Picture"/>).</summary>
public sealed class SetProfilePicture(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<RateLimitOptions> limits
)
{
    public const int MaxBytes = Picture.MaxBytes;

    public async Task<Result<int>> HandleAsync(
        Guid participantId,
        byte[] content,
        CancellationToken cancellationToken = default
    )
    {
        var prepared = Picture.Prepare(content); // decoded and encoded again before a database connection is taken
        if (!prepared.Succeeded)
        {
            return prepared.Problem;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var participant = await LivePerson.All(db).FirstOrDefaultAsync(p => p.Id == participantId, cancellationToken);
        if (participant is null)
        {
            return LivePerson.AccountGone; // in the minute before a deleted account's sessions end, it changes nothing
        }

        if (await RateLimiter.TakeChangeAsync(db, limits.Value, participantId, cancellationToken) is { } tooOften)
        {
            return tooOften;
        }

        var picture = await db.ParticipantPictures.FindAsync([participantId], cancellationToken);
        if (picture is null)
        {
            picture = new ParticipantPicture { ParticipantId = participantId };
            db.ParticipantPictures.Add(picture);
        }

        picture.Content = prepared.Value.Content;
        picture.ContentType = prepared.Value.ContentType;
        participant.PictureVersion++;
        await db.SaveChangesAsync(cancellationToken);
        return participant.PictureVersion;
    }
}
