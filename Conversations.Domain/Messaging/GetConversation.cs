using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>A conversation for one of its participants: the latest messages, or those before a given one.</summary>
public sealed class GetConversation(IDbContextFactory<ConversationsDbContext> contexts)
{
    public const int PageSize = 50;

    public async Task<Result<ConversationView>> HandleAsync(Guid readerId, Guid conversationId, long? beforeSeq = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await db.ConversationMembers.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.ParticipantId == readerId)
            .Select(m => new { m.LastReadSeq, Conversation = db.Conversations.First(c => c.Id == m.ConversationId).LastSeq })
            .FirstOrDefaultAsync(cancellationToken);
        if (me is null)
        {
            return new NotFound("This conversation does not exist.");
        }

        var participants = await db.ConversationMembers.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .Join(db.Participants, m => m.ParticipantId, p => p.Id, (m, p) => new Profile(p.Id, p.DisplayName, p.Nickname, "", p.PictureVersion, p.JoinedAt))
            .ToListAsync(cancellationToken);
        var before = beforeSeq ?? long.MaxValue;
        var newestFirst = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq < before)
            .OrderByDescending(m => m.Seq)
            .Take(PageSize + 1)
            .Select(m => new MessageView(m.Id, m.Seq, m.SenderId, m.Body, m.SentAt))
            .ToListAsync(cancellationToken);
        var messages = newestFirst.Take(PageSize).Reverse().ToList();
        return new ConversationView(conversationId, participants.OrderBy(p => p.DisplayName).ToList(), messages, newestFirst.Count > PageSize,
            (int)(me.Conversation - me.LastReadSeq));
    }
}
