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
