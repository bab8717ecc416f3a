using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Messaging;

public sealed record ReplyCommand(Actor Sender, ConversationId Conversation, string Body, Guid? ClientToken = null)
{
    internal Guid ConversationId => Conversation.Value;
}

/// <summary>
/// A participant (or a manager for their group) adds a message to one of their conversations, if every other
/// participant still accepts them and the sender is not too fast; anyone else is told it does not exist.
/// </summary>
public sealed class Reply(
    IDbContextFactory<ConversationsDbContext> contexts,
    ReplyWriter writer,
    IOptions<MessagingOptions> options,
    IOptions<RateLimitOptions> limits,
    ConversationsMetrics metrics,
    ILogger<Reply> logger
)
{
    public async Task<Result<SentMessage>> HandleAsync(
        ReplyCommand command,
        CancellationToken cancellationToken = default
    ) => metrics.Counted(await WriteAsync(command, cancellationToken));

    private async Task<Result<SentMessage>> WriteAsync(ReplyCommand command, CancellationToken cancellationToken)
    {
        var body = MessageBody.Parse(command.Body, options.Value.MaxMessageLength);
        if (!body.Succeeded)
        {
            // Someone who may not see the conversation learns nothing, not even that their text was wrong.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await Consent.ReplyCheckAsync(db, command.ConversationId, command.Sender, cancellationToken)
                    as NotFound
                ?? body.Problem;
        }

        // One statement checks and writes, in a transaction shared with the replies arriving at the same moment (group
        // commit); the answer comes after the commit. Only a refusal asks why.
        try
        {
            if (
                await writer.AppendAsync(
                    RateLimiter.MessageArguments(
                        limits.Value,
                        command.Sender,
                        command.Conversation,
                        body.Value,
                        command.ClientToken,
                        checkReplyRules: true
                    ),
                    cancellationToken
                )
                is var (id, seq)
            )
            {
                return new SentMessage(command.ConversationId, id, seq, false);
            }
        }
        catch (Exception exception) when (MessageAppender.IsDuplicateToken(exception))
        {
            // A retry with a token already used collides with the unique index and answers with the first message.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return (
                await MessageAppender.FindAlreadySentAsync(
                    fresh,
                    command.Sender,
                    command.ClientToken,
                    cancellationToken
                )
            )!;
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await Consent.ReplyCheckAsync(context, command.ConversationId, command.Sender, cancellationToken)
            ?? (
                await ConfirmedAddress.HoldsAsync(context, command.Sender.PersonId, cancellationToken)
                    ? null
                    : (Problem)ConfirmedAddress.Refusal
            )
            ?? (Problem?)
                await RateLimiter.MessageRefusalAsync(context, limits.Value, command.Sender.PersonId, cancellationToken)
            ?? RateLimiter.UnexplainedRefusal(logger, command.Sender, command.ConversationId);
    }
}
