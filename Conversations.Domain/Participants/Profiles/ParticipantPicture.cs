namespace Conversations.Domain.Participants;

/// <summary>An uploaded avatar, kept apart from <see cref="Participant"/> so that loading a participant never loads it.</summary>
public class ParticipantPicture
{
    public Guid ParticipantId { get; set; }

    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];
}
