using System.Globalization;
using Conversations.Domain.Common;

namespace Conversations.Domain.Messaging;

/// <summary>A message is plain text, not blank, at most the configured length once carriage returns are removed.</summary>
public static class MessageBody
{
    public static string Normalize(string? text) => (text ?? "").Replace("\r", "", StringComparison.Ordinal);

    public static Result<string> Parse(string? text, int maxLength)
    {
        var body = Normalize(text);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new Invalid("Body", "Write a message first.");
        }

        if (!StorableText.IsStorable(body))
        {
            return new Invalid("Body", StorableText.Problem("The message"));
        }

        if (body.Length > maxLength)
        {
            return new Invalid("Body", string.Create(CultureInfo.InvariantCulture,
                $"A message has at most {maxLength:N0} characters; this one has {body.Length:N0}. Shorten it by {body.Length - maxLength:N0}."));
        }

        return body;
    }
}
