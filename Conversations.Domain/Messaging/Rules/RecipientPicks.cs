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
            return new Invalid("Recipients", ProblemCodes.RecipientsNone);
        }

        if (recipientIds.Contains(senderId))
        {
            return new Invalid("Recipients", ProblemCodes.RecipientsSelf);
        }

        if (recipientIds.Distinct().Count() != recipientIds.Count)
        {
            return new Invalid("Recipients", ProblemCodes.RecipientsTwice);
        }

        return CheckCount(recipientIds.Count, maxRecipients);
    }

    /// <summary>The limit alone: asked before anything is looked up (a list of nicknames in an address).</summary>
    public static Invalid? CheckCount(int count, int maxRecipients) =>
        count > maxRecipients
            ? new Invalid("Recipients", ProblemCodes.RecipientsTooMany, maxRecipients, count - maxRecipients)
            : null;
}
