namespace Conversations.Domain.Relationships;

/// <summary>A person blocks a participant: the blocked one can no longer write to them, nor find them. Private to the blocker.</summary>
public class Block
{
    public Guid BlockerId { get; set; }

    public Guid BlockedId { get; set; }

    public DateTimeOffset Since { get; set; }
}
