using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Messaging;

/// <summary>The recipients a new conversation would have, and the conversation with exactly them if it exists already.</summary>
public sealed record ConversationDraft(IReadOnlyList<Profile> Recipients, Guid? ExistingConversationId);

/// <summary>
/// Before the first message (the page at <c>conversations/new?to=…</c>): the recipients named by nickname, checked as
/// starting checks them (so "yourself" is refused in so many words, and someone who does not accept the sender's
/// messages is named before a word is typed), and where to go if they already have a conversation.
/// </summary>
public sealed class PrepareConversation(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<MessagingOptions> options
)
{
    public async Task<Result<ConversationDraft>> HandleAsync(
        Actor sender,
        IReadOnlyCollection<string> nicknames,
        CancellationToken cancellationToken = default
    )
    {
        var wanted = nicknames.Select(Nickname.Normalize).Where(n => n.Length > 0).Distinct().ToList();
        if (RecipientPicks.CheckCount(wanted.Count, options.Value.MaxRecipients) is { } tooMany)
        {
            return tooMany; // before any query: an address with thousands of nicknames looks nothing up
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Access.CanActAsync(db, sender, cancellationToken))
        {
            return new NotFound();
        }

        var found = await db
            .Participants.AsNoTracking()
            .Where(p => wanted.Contains(p.Nickname) && p.DeletedAt == null)
            .Select(ProfileProjection.FromParticipant)
            .ToListAsync(cancellationToken);
        var ids = found.Select(p => p.Id).ToList();
        if (found.Count == 0 && wanted.Count > 0)
        {
            return SomeDoNotExist;
        }

        if (
            await Recipients.CheckSetAsync(
                db,
                sender.ParticipantId,
                ids,
                options.Value.MaxRecipients,
                cancellationToken
            ) is
            { } problem
        )
        {
            return problem;
        }

        if (found.Count != wanted.Count)
        {
            return SomeDoNotExist;
        }

        var key = Conversation.KeyOf(ids.Append(sender.ParticipantId));
        var existing = await db
            .Conversations.Where(c => c.ParticipantKey == key)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (
            existing is null
            && await Consent.RefusalsAsync(db, sender.ParticipantId, ids, cancellationToken) is { Count: > 0 } refusals
        )
        {
            // Asked as starting asks it, before a word is typed (an existing conversation's page says why one cannot reply there).
            return Consent.NotAccepting(refusals.Select(r => r.DisplayName).ToList());
        }

        return new ConversationDraft(found.OrderBy(p => p.DisplayName).ToList(), existing);
    }

    private static Invalid SomeDoNotExist => new("Recipients", ProblemCodes.RecipientsUnknown);
}
