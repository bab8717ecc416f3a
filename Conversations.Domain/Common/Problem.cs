namespace Conversations.Domain.Common;

/// <summary>
/// An expected failure, said as a code and its arguments (names, numbers, waits): the words are chosen in the
/// participant's language where the problem is shown, so the domain knows no language.
/// </summary>
public abstract record Problem
{
    protected Problem(string code, IReadOnlyList<object> args) => (Code, Args) = (code, args);

    /// <summary>What went wrong, as the resource files name it: <c>Recipients.Self</c>, <c>Group.OnlyManager</c>.</summary>
    public string Code { get; }

    /// <summary>What the words need: a nickname, a number, how long to wait.</summary>
    public IReadOnlyList<object> Args { get; }

    public virtual bool Equals(Problem? other) =>
        other is not null && other.GetType() == GetType() && other.Code == Code && other.Args.SequenceEqual(Args);

    public override int GetHashCode() => HashCode.Combine(GetType(), Code, Args.Count);

    public override string ToString() => Args.Count == 0 ? Code : $"{Code}({string.Join(", ", Args)})";
}

/// <summary>The thing does not exist, or the asker may not know it exists: the two are never told apart.</summary>
public sealed record NotFound : Problem
{
    public NotFound(string code = ProblemCodes.NotFound, params object[] args)
        : base(code, args) { }
}

/// <summary>Input that breaks a rule; each error names the field to fix.</summary>
public sealed record Invalid : Problem
{
    public Invalid(IReadOnlyList<FieldError> errors)
        : base(ProblemCodes.Invalid, []) => Errors = errors;

    public Invalid(string field, string code, params object[] args)
        : this([new FieldError(field, code, args)]) { }

    public IReadOnlyList<FieldError> Errors { get; }

    public override string ToString() => string.Join("; ", Errors);

    public bool Equals(Invalid? other) => other is not null && other.Errors.SequenceEqual(Errors);

    public override int GetHashCode() => Errors.Count;
}

/// <summary>One rule a field breaks, as a code and its arguments (see <see cref="Problem"/>).</summary>
public sealed record FieldError
{
    public FieldError(string field, string code, params object[] args) => (Field, Code, Args) = (field, code, args);

    /// <summary>A problem as a form's errors: an <see cref="Invalid"/>'s own, or the problem as one error of no field.</summary>
    public static IReadOnlyList<FieldError> From(Problem problem) =>
        problem is Invalid invalid ? invalid.Errors : [new FieldError("", problem.Code, [.. problem.Args])];

    public string Field { get; }

    public string Code { get; }

    public IReadOnlyList<object> Args { get; }

    public override string ToString() => $"{Field}: {Code}" + (Args.Count == 0 ? "" : $"({string.Join(", ", Args)})");

    public bool Equals(FieldError? other) =>
        other is not null && other.Field == Field && other.Code == Code && other.Args.SequenceEqual(Args);

    public override int GetHashCode() => HashCode.Combine(Field, Code);
}

/// <summary>The asker knows the thing exists but may not do this to it (for example, a plain member managing a group).</summary>
public sealed record NotAllowed : Problem
{
    public NotAllowed(string code, params object[] args)
        : base(code, args) { }
}

/// <summary>
/// The person has not confirmed their email address yet, so they may read but not write (see
/// <c>Participants.ConfirmedAddress</c>); the page offers to send the link again.
/// </summary>
public sealed record AddressNotConfirmed : Problem
{
    public AddressNotConfirmed(string code = ProblemCodes.AddressNotConfirmed)
        : base(code, []) { }
}

/// <summary>
/// Too many wrong passwords were typed where an action asks for one (deleting the account, changing its address); the
/// action may be tried again after <see cref="RetryAfter"/>. Signing in is never locked (see the sign-in manager).
/// </summary>
public sealed record TooManyPasswordTries : Problem
{
    public TooManyPasswordTries(TimeSpan retryAfter)
        : base(ProblemCodes.TooManyPasswordTries, [retryAfter]) => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// A person made the server work too often in a short while (changes, new groups, searches: <c>RateLimits</c>); the same
/// may be done again after <see cref="RetryAfter"/>.
/// </summary>
public sealed record TooOften : Problem
{
    public TooOften(TimeSpan retryAfter)
        : base(ProblemCodes.TooOften, [retryAfter]) => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}

/// <summary>A link by email was asked for too often; another may be asked for after <see cref="RetryAfter"/>.</summary>
public sealed record TooManyLinks : Problem
{
    public TooManyLinks(TimeSpan retryAfter)
        : base(ProblemCodes.TooManyLinks, [retryAfter]) => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Registration with an address that already has an account, while email is on: nothing was created and the address
/// was told. The page answers exactly as for a new account waiting for confirmation, so that nobody learns from the
/// form which addresses have accounts.
/// </summary>
public sealed record AddressAlreadyUsed() : Problem(ProblemCodes.AddressAlreadyUsed, []);
