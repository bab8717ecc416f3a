namespace Conversations.Domain.Relationships;

/// <summary>A person follows a participant (a person or a group): someone who only accepts messages from people they follow accepts theirs.</summary>
public class Follow
{
    public Guid FollowerId { get; set; }

    public Guid FollowedId { get; set; }

    public DateTimeOffset Since { get; set; }
}
