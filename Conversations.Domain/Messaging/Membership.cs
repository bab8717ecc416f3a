using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>Who may see a conversation: its participants, and nobody else.</summary>
internal static class Membership
{
    public static Task<bool> IsMemberAsync(ConversationsDbContext db, Guid conversationId, Guid participantId, CancellationToken cancellationToken) =>
        db.ConversationMembers.AnyAsync(m => m.ConversationId == conversationId && m.ParticipantId == participantId, cancellationToken);
}
