namespace Conversations.Domain.Messaging;

/// <summary>The "RateLimits" section of appsettings.json: how fast one person may send, across every app server.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>New conversations a person may start per hour (all at once, if they have not started any lately).</summary>
    public int ConversationsPerHour { get; set; } = 20;

    /// <summary>Messages a person may send per minute, on average.</summary>
    public int MessagesPerMinute { get; set; } = 30;

    /// <summary>Messages a person may send in a quick burst before the per-minute rate applies.</summary>
    public int MessageBurst { get; set; } = 10;
}
