using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Participants;

public sealed record ProfileChanges(string DisplayName, string About);

/// <summary>A participant changes their own name and about text.</summary>
public sealed class UpdateProfile(IDbContextFactory<ConversationsDbContext> contexts, IOptions<RateLimitOptions> limits)
{
    public async Task<Result<Profile>> HandleAsync(
        Guid participantId,
        ProfileChanges changes,
        CancellationToken cancellationToken = default
    )
    {
        var name = ProfileText.ParseDisplayName(changes.DisplayName);
        var about = ProfileText.ParseAbout(changes.About);
        var errors = new[] { name.Problem, about.Problem }.OfType<Invalid>().SelectMany(i => i.Errors).ToList();
        if (errors.Count > 0)
        {
            return new Invalid(errors);
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

        participant.DisplayName = name.Value!;
        participant.About = about.Value!;
        await db.SaveChangesAsync(cancellationToken);
        return ProfileProjection.Of(participant);
    }
}
