using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>
/// A conversation for one of its participants (or a manager reading for a group in it): the latest messages,
/// or those before a given one.
/// </summary>
public sealed class GetConversation(IDbContextFactory<ConversationsDbContext> contexts)
{
    public const int PageSize = 50;

    public async Task<Result<ConversationView>> HandleAsync(Actor reader, Guid conversationId, long? beforeSeq = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Access.CanSeeAsync(db, conversationId, reader, cancellationToken))
        {
            return Access.ConversationNotFound;
        }

        var lastSeq = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.LastSeq).SingleAsync(cancellationToken);
        var lastRead = reader.ForGroup
            ? await db.GroupReadPositions.Where(r => r.ConversationId == conversationId && r.GroupId == reader.ParticipantId && r.ManagerId == reader.PersonId)
                .Select(r => r.LastReadSeq).FirstOrDefaultAsync(cancellationToken)
            : await db.ConversationMembers.Where(m => m.ConversationId == conversationId && m.ParticipantId == reader.PersonId)
                .Select(m => m.LastReadSeq).SingleAsync(cancellationToken);

        var participants = await db.ConversationMembers.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .Join(db.Participants, m => m.ParticipantId, p => p.Id, (m, p) => p)
            .Select(ProfileProjection.FromParticipant)
            .ToListAsync(cancellationToken);

        // The groups of this conversation the reader manages: only they may see who wrote the group's messages.
        var groupIds = participants.Where(p => p.IsGroup).Select(p => p.Id).ToList();
        var managed = groupIds.Count == 0
            ? []
            : await Access.ManagedBy(db, reader.PersonId).Where(m => groupIds.Contains(m.GroupId)).Select(m => m.GroupId).ToListAsync(cancellationToken);

        var before = beforeSeq ?? long.MaxValue;
        var newestFirst = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq < before)
            .OrderByDescending(m => m.Seq)
            .Take(PageSize + 1)
            .Select(m => new { m.Id, m.Seq, m.SenderId, m.Body, m.SentAt, m.AuthorId })
            .ToListAsync(cancellationToken);
        var authorIds = newestFirst.Where(m => m.AuthorId is not null && managed.Contains(m.SenderId)).Select(m => m.AuthorId!.Value).Distinct().ToList();
        var authors = authorIds.Count == 0
            ? []
            : await db.Participants.AsNoTracking().Where(p => authorIds.Contains(p.Id)).Select(ProfileProjection.FromParticipant).ToDictionaryAsync(p => p.Id, cancellationToken);

        var messages = newestFirst.Take(PageSize).Reverse()
            .Select(m => new MessageView(m.Id, m.Seq, m.SenderId, m.Body, m.SentAt,
                m.AuthorId is { } author && managed.Contains(m.SenderId) ? authors.GetValueOrDefault(author) : null))
            .ToList();
        var cannotReply = beforeSeq is null ? (await Consent.ReplyProblemAsync(db, conversationId, reader.ParticipantId, cancellationToken))?.Message : null;
        return new ConversationView(conversationId, reader.ParticipantId, participants.Select(p => p with { About = "" }).OrderBy(p => p.DisplayName).ToList(),
            messages, newestFirst.Count > PageSize, (int)(lastSeq - lastRead), cannotReply);
    }
}
