namespace Conversations.Domain.Messaging;

/// <summary>The "Messaging" section of appsettings.json.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public int MaxMessageLength { get; set; } = 1000;

    public int MaxRecipients { get; set; } = 9;
}
