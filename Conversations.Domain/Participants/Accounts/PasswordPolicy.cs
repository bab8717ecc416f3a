using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Conversations.Domain.Participants;

/// <summary>
/// The password rules, in one place: at least <see cref="MinLength"/> characters and not one of the 30,000 most common
/// passwords, in any case (<c>CommonPasswords.txt</c>, shipped with the app: no look-up over the network). No rules about
/// kinds of characters: length and rarity are what make a password hard to guess, and a phrase of a few words is easy
/// to remember.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;

    public static void Apply(PasswordOptions options)
    {
        options.RequiredLength = MinLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 4;
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream(
            "Conversations.Domain.Participants.CommonPasswords.txt"
        ) ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new List<string>(30_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>Identity's validator for <see cref="PasswordPolicy"/>'s list; Identity's own options hold the length.</summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<Participant>
{
    public Task<IdentityResult> ValidateAsync(UserManager<Participant> manager, Participant user, string? password) =>
        Task.FromResult(
            password is not null && PasswordPolicy.IsCommon(password)
                ? IdentityResult.Failed(
                    new IdentityError
                    {
                        Code = "PasswordCommon",
                        Description = "This password is one of the most commonly used.",
                    }
                )
                : IdentityResult.Success
        );
}
