using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Messaging;

public sealed record StartConversationCommand(
    Actor Sender,
    IReadOnlyList<Guid> RecipientIds,
    string Body,
    Guid? ClientToken = null
);

/// <summary>
/// Sends a first message to 1–9 recipients (people and groups), in one's own name or in the name of a group one
/// manages. If a conversation with exactly these participants exists, the
/// message goes there: the database's unique key on the set makes concurrent starts meet in one conversation.
/// </summary>
public sealed class StartConversation(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<MessagingOptions> options,
    IOptions<RateLimitOptions> limits,
    ConversationsMetrics metrics,
    ILogger<StartConversation> logger
)
{
    public async Task<Result<SentMessage>> HandleAsync(
        StartConversationCommand command,
        CancellationToken cancellationToken = default
    ) => metrics.Counted(await StartAsync(command, cancellationToken));

    private async Task<Result<SentMessage>> StartAsync(
        StartConversationCommand command,
        CancellationToken cancellationToken
    )
    {
        var body = MessageBody.Parse(command.Body, options.Value.MaxMessageLength);
        if (!body.Succeeded)
        {
            return body.Problem;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Access.CanActAsync(db, command.Sender, cancellationToken))
        {
            return new NotFound(command.Sender.ForGroup ? ProblemCodes.GroupNotFound : ProblemCodes.AccountNotFound);
        }

        if (
            await Moderation.PlatformBlock.ActingForBlockedGroupAsync(db, command.Sender, cancellationToken) is
            { } groupBlocked
        )
        {
            return groupBlocked;
        }

        if (!await ConfirmedAddress.HoldsAsync(db, command.Sender.PersonId, cancellationToken))
        {
            return ConfirmedAddress.Refusal;
        }

        if (
            await Recipients.CheckAsync(
                db,
                command.Sender.ParticipantId,
                command.RecipientIds,
                options.Value.MaxRecipients,
                cancellationToken
            ) is
            { } problem
        )
        {
            return problem;
        }

        if (
            await MessageAppender.FindAlreadySentAsync(db, command.Sender, command.ClientToken, cancellationToken) is
            { } already
        )
        {
            return already;
        }

        try
        {
            return await SendAsync(db, command, body.Value, cancellationToken);
        }
        catch (Exception exception) when (MessageAppender.IsDuplicateToken(exception))
        {
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
    }

    private async Task<Result<SentMessage>> SendAsync(
        ConversationsDbContext db,
        StartConversationCommand command,
        string body,
        CancellationToken cancellationToken
    )
    {
        var everyone = command.RecipientIds.Append(command.Sender.ParticipantId).ToArray();
        var key = Conversation.KeyOf(everyone);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await db
            .Database.SqlQuery<Guid>(
                $"""
                INSERT INTO "Conversations" ("Id", "ParticipantKey", "StartedAt", "LastActivityAt", "LastSeq")
                VALUES ({Guid.CreateVersion7()}, {key}, clock_timestamp(), clock_timestamp(), 0)
                ON CONFLICT ("ParticipantKey") DO NOTHING
                RETURNING "Id" AS "Value"
                """
            )
            .AsAsyncEnumerable()
            .ToListAsync(cancellationToken);
        Guid conversationId;
        if (created.Count == 1)
        {
            conversationId = created[0];
            if (
                await RateLimiter.TakeConversationAsync(db, limits.Value, command.Sender.PersonId, cancellationToken) is
                { } tooMany
            )
            {
                return tooMany; // rolled back: neither the conversation nor the message token is kept
            }

            // A stranger's first message is a request to those who take strangers as requests (Messaging/MessageRequests).
            var requested = await MessageRequests.RequestedOfAsync(
                db,
                command.Sender,
                command.RecipientIds,
                cancellationToken
            );
            db.ConversationMembers.AddRange(
                everyone.Select(id => new ConversationMember
                {
                    ConversationId = conversationId,
                    ParticipantId = id,
                    Request = requested.Contains(id) ? MessageRequest.Waiting : MessageRequest.None,
                })
            );
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            conversationId = await db
                .Conversations.Where(c => c.ParticipantKey == key)
                .Select(c => c.Id)
                .SingleAsync(cancellationToken);
        }

        // Into a conversation that exists, a message is a reply: its rules hold (a request waiting there takes nothing more).
        var existing = created.Count == 0;
        if (
            await MessageAppender.AppendAsync(
                db,
                conversationId,
                command.Sender,
                body,
                command.ClientToken,
                limits.Value,
                cancellationToken,
                checkReplyRules: existing
            )
            is not var (id, seq)
        )
        {
            // rolled back: nothing is kept
            await transaction.RollbackAsync(cancellationToken);
            return (
                existing ? await Consent.ReplyCheckAsync(db, conversationId, command.Sender, cancellationToken) : null
            )
                ?? (Problem?)
                    await RateLimiter.MessageRefusalAsync(db, limits.Value, command.Sender.PersonId, cancellationToken)
                ?? RateLimiter.UnexplainedRefusal(logger, command.Sender, conversationId);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SentMessage(conversationId, id, seq, created.Count == 1);
    }
}
