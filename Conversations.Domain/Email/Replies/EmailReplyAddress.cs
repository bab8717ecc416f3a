using System.Security.Cryptography;
using MimeKit;

namespace Conversations.Domain.Email;

/// <summary>
/// The key of one new-message email's reply address (<c>local+KEY@domain</c>): whom it was written to, about which
/// conversation, for which group when written to a manager, and until when a reply to it is taken. The key is 128
/// random bits, so it cannot be guessed; it is stored rather than signed because a signature over two ids, a group and a
/// date with its MAC makes a local part of 70 to 100 characters, over the 64 that RFC 5321 allows (Discourse and Zulip
/// store theirs for the same reason). It expires with the email's unsubscribe link.
/// </summary>
public sealed class EmailReplyAddress
{
    /// <summary>26 characters of lower-case base 32: mail systems may change the case of a local part.</summary>
    public string Key { get; set; } = "";

    public Guid PersonId { get; set; }

    public Guid ConversationId { get; set; }

    /// <summary>The group the person manages and was mailed for; null when mailed as themselves.</summary>
    public Guid? GroupId { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>How long a reply address works: as long as the email's unsubscribe link.</summary>
    public static TimeSpan Lifetime => UnsubscribeTokens.Lifetime;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public const int KeyLength = 26;

    public static string NewKey()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        var key = new char[KeyLength];
        var (bits, buffer, at) = (0, 0, 0);
        foreach (var b in random)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                key[at++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        key[at] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(key);
    }

    /// <summary>The reply address with <paramref name="key"/> for the mailbox <paramref name="address"/> (<c>local@domain</c>).</summary>
    public static string Format(string address, string key)
    {
        var at = address.LastIndexOf('@');
        return $"{address[..at]}+{key}@{address[(at + 1)..]}";
    }

    /// <summary>
    /// The key a received email was sent to: the first recipient (To, Cc, or the delivery headers mail servers add) whose
    /// address is the mailbox's with a well-formed key; null when there is none.
    /// </summary>
    public static string? KeyIn(MimeMessage email, string address)
    {
        var at = address.LastIndexOf('@');
        var (local, domain) = (address[..at], address[(at + 1)..]);
        var delivered = new[] { "Delivered-To", "X-Original-To", "Envelope-To" }
            .SelectMany(h => email.Headers.Where(x => x.Field.Equals(h, StringComparison.OrdinalIgnoreCase)))
            .Select(h => h.Value.Trim().Trim('<', '>'));
        foreach (
            var candidate in email.To.Mailboxes.Concat(email.Cc.Mailboxes).Select(m => m.Address).Concat(delivered)
        )
        {
            var sign = candidate.LastIndexOf('@');
            if (sign < 0 || !candidate[(sign + 1)..].Equals(domain, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var localPart = candidate[..sign];
            var plus = localPart.LastIndexOf('+');
            if (plus < 0 || !localPart[..plus].Equals(local, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var key = localPart[(plus + 1)..].ToLowerInvariant();
            if (key.Length == KeyLength && key.All(c => Alphabet.Contains(c)))
            {
                return key;
            }
        }

        return null;
    }
}
