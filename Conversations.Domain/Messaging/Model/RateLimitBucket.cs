namespace Conversations.Domain.Messaging;

/// <summary>
/// A token bucket for one person and one kind of sending, kept in PostgreSQL so the limit holds across app
/// servers: it refills continuously up to its capacity; each send takes one token.
/// </summary>
public class RateLimitBucket
{
    public Guid ParticipantId { get; set; }

    public string Kind { get; set; } = "";

    public double Tokens { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
