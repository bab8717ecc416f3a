namespace Conversations.Domain.Messaging;

/// <summary>
/// Who reads or writes: a person in their own name, or a manager in the name of a group they manage.
/// <see cref="ParticipantId"/> is the conversation participant (the person or the group); <see cref="PersonId"/>
/// is always the signed-in person, whose read state and rights are checked.
/// </summary>
public readonly record struct Actor(Guid PersonId, Guid ParticipantId)
{
    public bool ForGroup => PersonId != ParticipantId;

    public static Actor Person(Guid personId) => new(personId, personId);

    public static Actor ManagerOf(Guid groupId, Guid managerId) => new(managerId, groupId);

    public static implicit operator Actor(Guid personId) => Person(personId);
}
