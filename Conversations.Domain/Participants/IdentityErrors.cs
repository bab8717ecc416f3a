using Conversations.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Conversations.Domain.Participants;

/// <summary>Turns Identity's errors into the field errors the registration form shows.</summary>
internal static class IdentityErrors
{
    public static readonly FieldError EmailTaken = new("Email", "This email address is already registered: log in instead.");

    public static IReadOnlyList<FieldError> ToFieldErrors(IEnumerable<IdentityError> errors) =>
        errors.Select(ToFieldError).Distinct().ToList();

    private static FieldError ToFieldError(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => EmailTaken,
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) =>
            new FieldError("Email", EmailAddress.InvalidText),
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => new FieldError("Password", error.Description),
        _ => new FieldError("", error.Description),
    };
}
