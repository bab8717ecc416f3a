namespace Conversations.Domain.Messaging;

/// <summary>The "Messaging" section of appsettings.json.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public int MaxMessageLength { get; set; } = 1000;

    public int MaxRecipients { get; set; } = 9;

    /// <summary>
    /// How many reply batches one server writes at once (group commit: replies that arrive during a write share the
    /// next one). A conversation always takes the same lane.
    /// </summary>
    public int WriteLanes { get; set; } = 2;
}
