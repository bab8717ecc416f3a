using System.Globalization;

namespace Conversations.Domain.Messaging;

/// <summary>
/// How an unread count is written where space is short — the badge, the inbox pill, an email's subject: exactly up to
/// <see cref="UpTo"/>, then "99+" (and an email turn counts no further than one more).
/// </summary>
public static class UnreadShown
{
    public const int UpTo = 99;

    public static string Of(long count, CultureInfo culture) =>
        count > UpTo ? $"{UpTo.ToString(culture)}+" : count.ToString("N0", culture);
}
