namespace Conversations.Domain.Messaging;

/// <summary>Where a message landed: its conversation (new or existing) and its place in it.</summary>
public sealed record SentMessage(Guid ConversationId, long MessageId, long Seq, bool StartedNewConversation);
