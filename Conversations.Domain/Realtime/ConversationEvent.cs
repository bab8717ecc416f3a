using Conversations.Domain.Common;

namespace Conversations.Domain.Realtime;

/// <summary>A fact about a conversation that open screens react to.</summary>
public abstract record ConversationEvent(Guid ConversationId);

/// <summary>A message was posted: recipients' counts, inboxes and open conversations change.</summary>
public sealed record MessagePosted(Guid ConversationId, ParticipantId SenderId, long Seq)
    : ConversationEvent(ConversationId);

/// <summary>A participant read a conversation (in some tab): their counts change everywhere.</summary>
public sealed record ConversationRead(Guid ConversationId, PersonId ReaderId) : ConversationEvent(ConversationId);

/// <summary>Events may have been missed (the relay was reconnecting): reload counts from the database.</summary>
public sealed record CountsMayBeStale() : ConversationEvent(Guid.Empty);

/// <summary>A person's role in a group changed (added, removed, promoted, demoted): what they may see and count changed.</summary>
public sealed record GroupRolesChanged(GroupId GroupId, PersonId PersonId) : ConversationEvent(Guid.Empty);
