using Conversations.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Conversations.Domain.Participants;

/// <summary>Turns Identity's errors (English descriptions) into the codes the forms show in the person's language.</summary>
internal static class IdentityErrors
{
    public static readonly FieldError EmailTaken = new("Email", ProblemCodes.EmailTaken);

    public static IReadOnlyList<FieldError> ToFieldErrors(IEnumerable<IdentityError> errors) =>
        errors.Select(ToFieldError).Distinct().ToList();

    private static FieldError ToFieldError(IdentityError error) =>
        error.Code switch
        {
            nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
                EmailTaken,
            nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) =>
                new FieldError("Email", ProblemCodes.EmailInvalid),
            nameof(IdentityErrorDescriber.PasswordTooShort) => new FieldError(
                "Password",
                ProblemCodes.PasswordTooShort,
                PasswordPolicy.MinLength
            ),
            "PasswordCommon" => new FieldError("Password", ProblemCodes.PasswordCommon),
            _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => new FieldError(
                "Password",
                ProblemCodes.PasswordOther
            ),
            _ => new FieldError("", ProblemCodes.AccountOther),
        };
}
