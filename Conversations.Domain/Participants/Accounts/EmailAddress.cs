using System.ComponentModel.DataAnnotations;
using Conversations.Domain.Common;

namespace Conversations.Domain.Participants;

/// <summary>
/// The one rule for an email address a person types: storable text, the shape of an address, and at most
/// <see cref="MaxLength"/> characters (what SMTP carries; the column holds 256, so a longer one would fail in the database).
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <returns>The address, trimmed; or an <see cref="Invalid"/> for <paramref name="field"/>.</returns>
    public static Result<string> Parse(string? input, string field, string emptyCode)
    {
        var address = (input ?? "").Trim();
        if (address.Length == 0)
        {
            return new Invalid(field, emptyCode);
        }

        if (address.Length > MaxLength)
        {
            return new Invalid(field, ProblemCodes.EmailTooLong, MaxLength);
        }

        return StorableText.IsStorable(address) && new EmailAddressAttribute().IsValid(address)
            ? address
            : new Invalid(field, ProblemCodes.EmailInvalid);
    }
}
