namespace Conversations.Domain.Common;

/// <summary>
/// The kinds of ids a use case is handed, so that two of different kinds cannot be swapped: a person (an account that
/// signs in), a group, a participant (either: whoever can be in a conversation), a conversation, a sign-in session. The tables keep
/// plain <see cref="Guid"/>s; a use case takes these at its door and reads <c>.Value</c> inside. Made explicitly from a
/// Guid; a person or a group is a participant without a word.
/// </summary>
public readonly record struct PersonId(Guid Value)
{
    public static implicit operator ParticipantId(PersonId person) => new(person.Value);

    public override string ToString() => Value.ToString();
}

/// <inheritdoc cref="PersonId"/>
public readonly record struct GroupId(Guid Value)
{
    public static implicit operator ParticipantId(GroupId group) => new(group.Value);

    public override string ToString() => Value.ToString();
}

/// <inheritdoc cref="PersonId"/>
public readonly record struct ParticipantId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <inheritdoc cref="PersonId"/>
public readonly record struct ConversationId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <inheritdoc cref="PersonId"/>
public readonly record struct SessionId(Guid Value)
{
    public override string ToString() => Value.ToString();
}
