namespace Conversations.Domain.Moderation;

/// <summary>What an administrator did.</summary>
public enum ModerationKind
{
    Block = 1,
    Unblock = 2,
    Dismiss = 3,
}

/// <summary>The audit of moderation: who did what to whom, when and why. Rows are only ever added.</summary>
public sealed class ModerationAction
{
    public long Id { get; set; }

    public Guid ModeratorId { get; set; }

    public Guid TargetId { get; set; }

    public ModerationKind Kind { get; set; }

    public string Reason { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
