using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>A participant uploads a new avatar picture (PNG, JPEG, GIF or WebP, at most 1 MB).</summary>
public sealed class SetProfilePicture(IDbContextFactory<ConversationsDbContext> contexts)
{
    public const int MaxBytes = Picture.MaxBytes;

    public async Task<Result<int>> HandleAsync(Guid participantId, byte[] content, CancellationToken cancellationToken = default)
    {
        var checkedPicture = Picture.Check(content);
        if (!checkedPicture.Succeeded)
        {
            return checkedPicture.Problem;
        }

        var contentType = checkedPicture.Value;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var participant = await LivePerson.All(db).FirstOrDefaultAsync(p => p.Id == participantId, cancellationToken);
        if (participant is null)
        {
            return LivePerson.AccountGone; // in the minute before a deleted account's sessions end, it changes nothing
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
