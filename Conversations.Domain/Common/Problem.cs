namespace Conversations.Domain.Common;

/// <summary>An expected failure, with a message fit to show to the participant.</summary>
public abstract record Problem(string Message);

/// <summary>The thing does not exist, or the asker may not know it exists: the two are never told apart.</summary>
public sealed record NotFound(string Message = "Not found.") : Problem(Message);

/// <summary>Input that breaks a rule; each error names the field to fix.</summary>
public sealed record Invalid(IReadOnlyList<FieldError> Errors) : Problem(string.Join(" ", Errors.Select(e => e.Message)))
{
    public Invalid(string field, string message) : this([new FieldError(field, message)])
    {
    }
}

public sealed record FieldError(string Field, string Message);

/// <summary>The asker knows the thing exists but may not do this to it (for example, a plain member managing a group).</summary>
public sealed record NotAllowed(string Message) : Problem(Message);

/// <summary>
/// The person has not confirmed their email address yet, so they may read but not write (see
/// <c>Participants.ConfirmedAddress</c>); the page offers to send the link again.
/// </summary>
public sealed record AddressNotConfirmed(string Message) : Problem(Message);

/// <summary>
/// Too many wrong passwords were typed where an action asks for one (deleting the account, changing its address); the
/// action may be tried again after <see cref="RetryAfter"/>. Signing in is never locked (see the sign-in manager).
/// </summary>
public sealed record TooManyPasswordTries(TimeSpan RetryAfter)
    : Problem($"Too many wrong passwords in a row: try again in {Waiting.For(RetryAfter)}.");

/// <summary>
/// A person made the server work too often in a short while (changes, new groups, searches: <c>RateLimits</c>); the same
/// may be done again after <see cref="RetryAfter"/>.
/// </summary>
public sealed record TooOften(TimeSpan RetryAfter)
    : Problem($"You have done this many times in a short while: try again in {Waiting.For(RetryAfter)}.");

/// <summary>A link by email was asked for too often; another may be asked for after <see cref="RetryAfter"/>.</summary>
public sealed record TooManyLinks(TimeSpan RetryAfter)
    : Problem($"We sent you a link a moment ago: check your mailbox (and its spam folder), or ask again in {Waiting.For(RetryAfter)}.");

/// <summary>
/// Registration with an address that already has an account, while email is on: nothing was created and the address
/// was told. The page answers exactly as for a new account waiting for confirmation, so that nobody learns from the
/// form which addresses have accounts.
/// </summary>
public sealed record AddressAlreadyUsed() : Problem("This email address is already registered.");

/// <summary>How long to wait, as a refusal says it: "40 seconds", "5 minutes", "3 hours".</summary>
internal static class Waiting
{
    public static string For(TimeSpan wait) => wait.TotalSeconds < 90
        ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds"
        : wait.TotalMinutes < 90 ? $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes" : $"{(int)Math.Ceiling(wait.TotalHours)} hours";
}
