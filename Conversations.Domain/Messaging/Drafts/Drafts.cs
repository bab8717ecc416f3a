using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Drafts on the server, per person, per "as whom" and per place (<see cref="DraftPlace"/>): saved a moment after typing
/// stops, read back when the box opens (after a reload, a lost circuit, on another device), cleared once the message is
/// sent or the box emptied. Only someone who may see a conversation keeps a draft in it; a draft is held to the reply
/// box's size (twice the message limit: the box says how much to cut) and to text PostgreSQL can store.
/// </summary>
public sealed class Drafts(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<MessagingOptions> options,
    TimeProvider time
)
{
    /// <summary>How long a draft may be: what the reply box accepts.</summary>
    public int MaxLength => options.Value.MaxMessageLength * 2;

    /// <returns>Whether a draft is kept now (false: the text was empty, and any draft there is gone).</returns>
    public async Task<Result<bool>> SaveAsync(
        Actor writer,
        DraftPlace place,
        string? text,
        CancellationToken cancellationToken = default
    )
    {
        text ??= "";
        if (text.Length > MaxLength)
        {
            return new Invalid(
                "Body",
                ProblemCodes.MessageTooLong,
                options.Value.MaxMessageLength,
                text.Length,
                text.Length - options.Value.MaxMessageLength
            );
        }

        if (!StorableText.IsStorable(text))
        {
            return new Invalid("Body", ProblemCodes.MessageNotStorable);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await MayKeepAsync(db, writer, place, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (VisibleText.IsBlank(text))
        {
            await Mine(db, writer, place).ExecuteDeleteAsync(cancellationToken);
            return false;
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Drafts" ("PersonId", "ParticipantId", "Place", "Body", "SavedAt")
            VALUES ({writer.PersonId}, {writer.ParticipantId}, {place.Key}, {text}, {time.GetUtcNow()})
            ON CONFLICT ("PersonId", "ParticipantId", "Place") DO UPDATE SET "Body" = EXCLUDED."Body", "SavedAt" = EXCLUDED."SavedAt"
            """,
            cancellationToken
        );
        return true;
    }

    /// <summary>The draft kept there, or null (none, or not the writer's to see).</summary>
    public async Task<string?> GetAsync(Actor writer, DraftPlace place, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await MayKeepAsync(db, writer, place, cancellationToken) is not null)
        {
            return null;
        }

        return await Mine(db, writer, place).Select(d => d.Body).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The message was sent: its draft is gone.</summary>
    public async Task ClearAsync(Actor writer, DraftPlace place, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await Mine(db, writer, place).ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<Draft> Mine(ConversationsDbContext db, Actor writer, DraftPlace place) =>
        db.Drafts.Where(d =>
            d.PersonId == writer.PersonId && d.ParticipantId == writer.ParticipantId && d.Place == place.Key
        );

    private static async Task<Problem?> MayKeepAsync(
        ConversationsDbContext db,
        Actor writer,
        DraftPlace place,
        CancellationToken cancellationToken
    ) =>
        place.ConversationId is { } conversation
            ? await Access.CanSeeAsync(db, conversation, writer, cancellationToken)
                ? null
                : Access.ConversationNotFound
            : await Access.CanActAsync(db, writer, cancellationToken)
                ? null
                : new NotFound(writer.ForGroup ? ProblemCodes.GroupNotFound : ProblemCodes.AccountNotFound);
}
