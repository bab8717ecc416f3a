using Conversations.Domain.Common;

namespace Conversations.Domain.Messaging;

/// <summary>
/// The rules of a set of recipients that need no database: at least one, not the sender, nobody twice, at most the
/// limit. Starting a conversation checks them, and the New conversation dialog asks them before each pick, so both
/// say the same words.
/// </summary>
public static class RecipientPicks
{
    public static Invalid? Check(IReadOnlyList<Guid> recipientIds, Guid senderId, int maxRecipients)
    {
        if (recipientIds.Count == 0)
        {
            return new Invalid("Recipients", "Pick at least one recipient.");
        }

        if (recipientIds.Contains(senderId))
        {
            return new Invalid("Recipients", "You cannot write to yourself: pick someone else.");
        }

        if (recipientIds.Distinct().Count() != recipientIds.Count)
        {
            return new Invalid("Recipients", "The same recipient is picked twice: remove one.");
        }

        return CheckCount(recipientIds.Count, maxRecipients);
    }

    /// <summary>The limit alone: asked before anything is looked up (a list of nicknames in an address).</summary>
    public static Invalid? CheckCount(int count, int maxRecipients) => count > maxRecipients
        ? new Invalid("Recipients", $"A conversation has at most {maxRecipients} recipients besides you: remove {count - maxRecipients}.")
        : null;
}
