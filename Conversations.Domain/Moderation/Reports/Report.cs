namespace Conversations.Domain.Moderation;

/// <summary>Why a participant reports another.</summary>
public enum ReportReason
{
    Spam = 1,
    Offensive = 2,
    DoesNotBelong = 3,
}

/// <summary>
/// A participant's report about another participant (a person or a group), open until an administrator blocks the reported one or dismisses
/// the reports. When made from a conversation it carries the reported message's text, shared by the reporter as
/// evidence: the only way message text reaches moderators.
/// </summary>
public sealed class Report
{
    public Guid Id { get; set; }

    public Guid ReporterId { get; set; }

    public Guid TargetId { get; set; }

    public ReportReason Reason { get; set; }

    public string Details { get; set; } = "";

    /// <summary>The reported message, when the report was made from a conversation.</summary>
    public long? MessageId { get; set; }

    /// <summary>That message's text as the reporter saw it.</summary>
    public string? Evidence { get; set; }

    /// <summary>
    /// For a group's message, the manager who wrote it in the group's name: told to moderators only (the reporter sees
    /// the group), so they can act on the person behind it.
    /// </summary>
    public Guid? AuthorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When an administrator acted on it (blocked the reported participant, or dismissed); none while open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}
