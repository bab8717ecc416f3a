using Conversations.Domain.Common;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Who reads or writes: a person in their own name, or a manager in the name of a group they manage.
/// <see cref="ParticipantId"/> is the conversation participant (the person or the group); <see cref="PersonId"/>
/// is always the signed-in person, whose read state and rights are checked.
/// </summary>
public readonly record struct Actor
{
    private Actor(Guid personId, Guid participantId) => (PersonId, ParticipantId) = (personId, participantId);

    /// <summary>The signed-in person: whose read state and rights are checked.</summary>
    public Guid PersonId { get; }

    /// <summary>The conversation participant: the person, or the group they act for.</summary>
    public Guid ParticipantId { get; }

    public bool ForGroup => PersonId != ParticipantId;

    public static Actor Person(Guid personId) => new(personId, personId);

    public static Actor ManagerOf(GroupId group, PersonId manager) => new(manager.Value, group.Value);
}
