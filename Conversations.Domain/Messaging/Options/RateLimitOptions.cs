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

    /// <summary>
    /// Emails with a link (address confirmation, password reset, address change) one person may ask for per hour, of each
    /// kind; as many at once after a quiet hour.
    /// </summary>
    public int LinkEmailsPerHour { get; set; } = 3;

    /// <summary>
    /// Changes a person may make per minute — following, blocking (and undoing either), editing the profile, uploading a
    /// picture, inviting to a group; as many at once after a quiet minute.
    /// </summary>
    public int ChangesPerMinute { get; set; } = 20;

    /// <summary>Groups a person may create per day.</summary>
    public int GroupsPerDay { get; set; } = 10;

    /// <summary>Archives of "Download my data" a person may download per hour (each reads all they ever wrote).</summary>
    public int ExportsPerHour { get; set; } = 3;

    /// <summary>Recipient searches a person may make per minute on one server (each typed pause is one).</summary>
    public int SearchesPerMinute { get; set; } = 60;

    /// <summary>
    /// The clock the buckets drip by: the app's <see cref="TimeProvider"/> (set by the domain's wiring, not by
    /// configuration), so that a test controls it. Servers share the buckets in PostgreSQL, so their clocks should agree
    /// as NTP keeps them (a few milliseconds of skew move a person's tokens by as little).
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
}
