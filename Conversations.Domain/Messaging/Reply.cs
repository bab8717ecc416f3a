using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Messaging;

public sealed record ReplyCommand(Actor Sender, Guid ConversationId, string Body, Guid? ClientToken = null);

/// <summary>
/// A participant (or a manager for their group) adds a message to one of their conversations, if every other
/// participant still accepts them and the sender is not too fast; anyone else is told it does not exist.
/// </summary>
public sealed class Reply(IDbContextFactory<ConversationsDbContext> contexts, IOptions<MessagingOptions> options, IOptions<RateLimitOptions> limits)
{
    public async Task<Result<SentMessage>> HandleAsync(ReplyCommand command, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Access.CanSeeAsync(db, command.ConversationId, command.Sender, cancellationToken))
        {
            return Access.ConversationNotFound;
        }

        var body = MessageBody.Parse(command.Body, options.Value.MaxMessageLength);
        if (!body.Succeeded)
        {
            return body.Problem;
        }

        if (await MessageAppender.FindAlreadySentAsync(db, command.Sender, command.ClientToken, cancellationToken) is { } already)
        {
            return already;
        }

        if (await Consent.ReplyProblemAsync(db, command.ConversationId, command.Sender.ParticipantId, cancellationToken) is { } refused)
        {
            return refused;
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await RateLimiter.TakeMessageAsync(db, limits.Value, command.Sender.PersonId, cancellationToken) is { } tooFast)
            {
                return tooFast;
            }

            var (id, seq) = await MessageAppender.AppendAsync(db, command.ConversationId, command.Sender, body.Value, command.ClientToken, cancellationToken);
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
