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
            return new Invalid("Body", ProblemCodes.MessageEmpty);
        }

        if (!StorableText.IsStorable(body))
        {
            return new Invalid("Body", ProblemCodes.MessageNotStorable);
        }

        if (body.Length > maxLength)
        {
            return new Invalid("Body", ProblemCodes.MessageTooLong, maxLength, body.Length, body.Length - maxLength);
        }

        return body;
    }
}
