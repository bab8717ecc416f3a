using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Conversations.Domain.Relationships;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>What a person does with a message request.</summary>
public enum RequestAnswer
{
    /// <summary>It becomes an ordinary conversation for them (read: they saw it).</summary>
    Accept,

    /// <summary>They hear nothing more of it; its writer is told only what any refusal says.</summary>
    Decline,

    /// <summary>Declined, and its writer blocked (the one who wrote its first message).</summary>
    Block,
}

/// <summary>
/// A person answers a message request to them, or a manager one to their group (see <see cref="MessageRequests"/>):
/// each recipient of a request decides for themselves. Accepting a declined request is allowed (a change of mind);
/// declining an ordinary conversation changes nothing. The person's tabs (and the group's managers') recount.
/// </summary>
public sealed class AnswerRequest(IDbContextFactory<ConversationsDbContext> contexts, BlockParticipant blocks)
{
    /// <returns>Whether the conversation's state for the reader changed.</returns>
    public async Task<Result<bool>> HandleAsync(
        Actor reader,
        ConversationId conversation,
        RequestAnswer answer,
        CancellationToken cancellationToken = default
    )
    {
        var conversationId = conversation.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Access.CanSeeAsync(db, conversationId, reader, cancellationToken))
        {
            return Access.ConversationNotFound;
        }

        var mine = db.ConversationMembers.Where(m =>
            m.ConversationId == conversationId && m.ParticipantId == reader.ParticipantId
        );
        if (answer == RequestAnswer.Block)
        {
            if (await mine.AnyAsync(m => m.Request == MessageRequest.None, cancellationToken))
            {
                return false; // an ordinary conversation is not answered: block from the person's profile
            }

            var writer = await db
                .Messages.Where(m => m.ConversationId == conversationId && m.Seq == 1)
                .Select(m => m.SenderId)
                .SingleAsync(cancellationToken);
            if (
                await blocks.HandleAsync(
                    new PersonId(reader.PersonId),
                    new ParticipantId(writer),
                    cancellationToken: cancellationToken
                ) is
                { Succeeded: false } refused
            )
            {
                return refused.Problem;
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed =
            answer == RequestAnswer.Accept
                ? await mine.Where(m => m.Request != MessageRequest.None)
                    .ExecuteUpdateAsync(
                        set =>
                            set.SetProperty(m => m.Request, MessageRequest.None)
                                .SetProperty(m => m.LastReadSeq, m => m.LastSeq)
                                .SetProperty(m => m.NotifiedSeq, m => m.LastSeq)
                                .SetProperty(m => m.UnmailedSince, (DateTimeOffset?)null),
                        cancellationToken
                    )
                : await mine.Where(m => m.Request == MessageRequest.Waiting)
                    .ExecuteUpdateAsync(
                        set =>
                            set.SetProperty(m => m.Request, MessageRequest.Declined)
                                .SetProperty(m => m.UnmailedSince, (DateTimeOffset?)null),
                        cancellationToken
                    );
        if (changed == 0)
        {
            return false;
        }

        if (reader.ForGroup && answer == RequestAnswer.Accept)
        {
            var lastSeq = await db
                .Conversations.Where(c => c.Id == conversationId)
                .Select(c => c.LastSeq)
                .SingleAsync(cancellationToken);
            await ReadPositions.MoveToAsync(db, conversationId, reader, lastSeq, cancellationToken); // the manager who accepted saw it
        }

        Guid[] told = reader.ForGroup
            ? [.. await Managers.Of(db, reader.ParticipantId).Select(m => m.MemberId).ToListAsync(cancellationToken)]
            : [reader.PersonId];
        await EventPublisher.PublishAsync(
            db,
            EventEnvelope.Answered(conversationId, new PersonId(reader.PersonId), told),
            cancellationToken
        );
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
