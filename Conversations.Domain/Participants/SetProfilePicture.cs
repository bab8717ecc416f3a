using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>A participant uploads a new avatar picture (PNG, JPEG, GIF or WebP, at most 1 MB).</summary>
public sealed class SetProfilePicture(IDbContextFactory<ConversationsDbContext> contexts)
{
    public const int MaxBytes = 1024 * 1024;

    public async Task<Result<int>> HandleAsync(Guid participantId, byte[] content, CancellationToken cancellationToken = default)
    {
        if (content.Length == 0)
        {
            return new Invalid("Picture", "The picture is empty.");
        }

        if (content.Length > MaxBytes)
        {
            return new Invalid("Picture", "A picture has at most 1 MB: choose a smaller one.");
        }

        if (ImageFormat.Detect(content) is not { } contentType)
        {
            return new Invalid("Picture", "Choose a PNG, JPEG, GIF or WebP picture.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.Id == participantId, cancellationToken);
        if (participant is null)
        {
            return new NotFound();
        }

        var picture = await db.ParticipantPictures.FindAsync([participantId], cancellationToken);
        if (picture is null)
        {
            picture = new ParticipantPicture { ParticipantId = participantId };
            db.ParticipantPictures.Add(picture);
        }

        picture.Content = content;
        picture.ContentType = contentType;
        participant.PictureVersion++;
        await db.SaveChangesAsync(cancellationToken);
        return participant.PictureVersion;
    }
}
