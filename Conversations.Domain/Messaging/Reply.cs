using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Messaging;

public sealed record ReplyCommand(Actor Sender, Guid ConversationId, string Body, Guid? ClientToken = null);

/// <summary>
/// A participant (or a manager for their group) adds a message to one of their conversations, if every other
/// participant still accepts them and the sender is not too fast; anyone else is told it does not exist.
/// </summary>
public sealed class Reply(IDbContextFactory<ConversationsDbContext> contexts, IOptions<MessagingOptions> options, IOptions<RateLimitOptions> limits, ConversationsMetrics metrics)
{
    public async Task<Result<SentMessage>> HandleAsync(ReplyCommand command, CancellationToken cancellationToken = default) =>
        metrics.Counted(await WriteAsync(command, cancellationToken));

    private async Task<Result<SentMessage>> WriteAsync(ReplyCommand command, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var body = MessageBody.Parse(command.Body, options.Value.MaxMessageLength);
        if (!body.Succeeded)
        {
            // Someone who may not see the conversation learns nothing, not even that their text was wrong.
            return await Consent.ReplyCheckAsync(db, command.ConversationId, command.Sender, cancellationToken) as NotFound ?? body.Problem;
        }

        // Two round trips when all is well: one statement checks and writes, then the commit. Only a refusal asks why.
        try
        {
            // A retry with a token already used collides with the unique index and answers with the first message.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await MessageAppender.AppendAsync(db, command.ConversationId, command.Sender, body.Value, command.ClientToken, limits.Value, cancellationToken, checkReplyRules: true)
                is not var (id, seq))
            {
                return await Consent.ReplyCheckAsync(db, command.ConversationId, command.Sender, cancellationToken)
                    ?? await RateLimiter.MessageRefusalAsync(db, limits.Value, command.Sender.PersonId, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new SentMessage(command.ConversationId, id, seq, false);
        }
        catch (Exception exception) when (MessageAppender.IsDuplicateToken(exception))
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return (await MessageAppender.FindAlreadySentAsync(fresh, command.Sender, command.ClientToken, cancellationToken))!;
        }
    }
}
