using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>Sending was refused because the person sends too fast; they may try again after <see cref="RetryAfter"/>.</summary>
public sealed record TooFast : Problem
{
    public TooFast(TimeSpan retryAfter)
        : base(ProblemCodes.SendingTooFast, [retryAfter]) => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Takes a token from a person's bucket inside the sending transaction: the bucket's row lock orders concurrent
/// sends of one person (on any server), and a send that fails later gives its token back by rolling back.
/// </summary>
internal static class RateLimiter
{
    public const string Messages = "messages";
    public const string Conversations = "conversations";
    public const string Changes = "changes";
    public const string Groups = "groups";
    public const string Reports = "reports";
    public const string Exports = "exports";

    /// <summary>
    /// The one spelling of the token bucket's refill, in SQL: the tokens of the bucket row <paramref name="bucket"/> now, its
    /// stored tokens plus what has dripped in since it was last touched, at most <paramref name="capacity"/>. Used when
    /// taking a token here and in the reply's statement (<see cref="MessageAppender"/>).
    /// </summary>
    public static string TokensNowSql(string bucket, string capacity, string perSecond, string now) =>
        $"""LEAST({capacity}, {bucket}."Tokens" + EXTRACT(EPOCH FROM {now} - {bucket}."UpdatedAt") * {perSecond})""";

    public static (double Capacity, double PerSecond) MessageBucket(RateLimitOptions options) =>
        (Math.Max(1, options.MessageBurst), options.MessagesPerMinute / 60.0);

    /// <summary>The message bucket's arguments of an <see cref="AppendMessageStatement"/>, as of now by the buckets' clock.</summary>
    public static AppendMessageArguments MessageArguments(
        RateLimitOptions options,
        Actor sender,
        ConversationId conversation,
        string body,
        Guid? clientToken,
        bool checkReplyRules
    )
    {
        var (capacity, perSecond) = MessageBucket(options);
        return new AppendMessageArguments(
            sender,
            conversation.Value,
            body,
            clientToken,
            capacity,
            perSecond,
            options.Clock.GetUtcNow(),
            checkReplyRules
        );
    }

    /// <summary>
    /// Whether a message was refused for being too fast: how long until the person's bucket holds a token again; null
    /// when it holds one (the refusal had another reason: see <see cref="UnexplainedRefusal"/>).
    /// </summary>
    public static async Task<TooFast?> MessageRefusalAsync(
        ConversationsDbContext db,
        RateLimitOptions options,
        Guid personId,
        CancellationToken cancellationToken
    )
    {
        var (capacity, perSecond) = MessageBucket(options);
        var refusal = await RefusalAsync(db, personId, Messages, capacity, perSecond, options.Clock, cancellationToken);
        return refusal.RetryAfter > TimeSpan.Zero ? refusal : null;
    }

    /// <summary>
    /// A message refused while every check that can say why says it may go (a rule changed between the write and the
    /// questions, or the two spellings of a rule disagree): logged as the fault it is, and shown as a refusal — never as
    /// "too fast".
    /// </summary>
    public static NotAllowed UnexplainedRefusal(
        Microsoft.Extensions.Logging.ILogger logger,
        Actor sender,
        Guid? conversationId
    )
    {
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(
            logger,
            "A message of {PersonId} (as {ParticipantId}) into {ConversationId} was refused, and no check says why",
            sender.PersonId,
            sender.ParticipantId,
            conversationId
        );
        return new NotAllowed(ProblemCodes.MessageNotSent);
    }

    public static Task<TooFast?> TakeConversationAsync(
        ConversationsDbContext db,
        RateLimitOptions options,
        Guid personId,
        CancellationToken cancellationToken
    ) =>
        TakeAsync(
            db,
            personId,
            Conversations,
            Math.Max(1, options.ConversationsPerHour),
            options.ConversationsPerHour / 3600.0,
            options.Clock,
            cancellationToken
        );

    /// <summary>Takes one of the person's changes (see <see cref="RateLimitOptions.ChangesPerMinute"/>).</summary>
    public static Task<TooOften?> TakeChangeAsync(
        ConversationsDbContext db,
        RateLimitOptions options,
        Guid personId,
        CancellationToken cancellationToken
    ) =>
        TakeOftenAsync(
            db,
            personId,
            Changes,
            options.ChangesPerMinute,
            TimeSpan.FromMinutes(1),
            options.Clock,
            cancellationToken
        );

    /// <summary>Takes one of the person's reports: limited like their messages (<see cref="RateLimitOptions.MessagesPerMinute"/>), in a bucket of its own.</summary>
    public static Task<TooFast?> TakeReportAsync(
        ConversationsDbContext db,
        RateLimitOptions options,
        Guid personId,
        CancellationToken cancellationToken
    )
    {
        var (capacity, perSecond) = MessageBucket(options);
        return TakeAsync(db, personId, Reports, capacity, perSecond, options.Clock, cancellationToken);
    }

    /// <summary>Takes one of the person's new groups (see <see cref="RateLimitOptions.GroupsPerDay"/>).</summary>
    public static Task<TooOften?> TakeGroupAsync(
        ConversationsDbContext db,
        RateLimitOptions options,
        Guid personId,
        CancellationToken cancellationToken
    ) =>
        TakeOftenAsync(
            db,
            personId,
            Groups,
            options.GroupsPerDay,
            TimeSpan.FromDays(1),
            options.Clock,
            cancellationToken
        );

    /// <summary>Takes one of the person's archives (see <see cref="RateLimitOptions.ExportsPerHour"/>).</summary>
    public static Task<TooOften?> TakeExportAsync(
        ConversationsDbContext db,
        RateLimitOptions options,
        Guid personId,
        CancellationToken cancellationToken
    ) =>
        TakeOftenAsync(
            db,
            personId,
            Exports,
            options.ExportsPerHour,
            TimeSpan.FromHours(1),
            options.Clock,
            cancellationToken
        );

    /// <summary>Takes one of the person's link emails of this kind (see <see cref="RateLimitOptions.LinkEmailsPerHour"/>).</summary>
    public static async Task<TooManyLinks?> TakeLinkEmailAsync(
        ConversationsDbContext db,
        RateLimitOptions options,
        Guid personId,
        string kind,
        CancellationToken cancellationToken
    ) =>
        await TakeAsync(
            db,
            personId,
            kind,
            Math.Max(1, options.LinkEmailsPerHour),
            options.LinkEmailsPerHour / 3600.0,
            options.Clock,
            cancellationToken
        )
            is { } tooFast
            ? new TooManyLinks(tooFast.RetryAfter)
            : null;

    /// <summary>A bucket of <paramref name="allowed"/> a <paramref name="period"/> (at least one), refused as "too often".</summary>
    private static async Task<TooOften?> TakeOftenAsync(
        ConversationsDbContext db,
        Guid personId,
        string kind,
        int allowed,
        TimeSpan period,
        TimeProvider clock,
        CancellationToken cancellationToken
    ) =>
        await TakeAsync(
            db,
            personId,
            kind,
            Math.Max(1, allowed),
            allowed / period.TotalSeconds,
            clock,
            cancellationToken
        )
            is { } tooFast
            ? new TooOften(tooFast.RetryAfter)
            : null;

    private static async Task<TooFast?> TakeAsync(
        ConversationsDbContext db,
        Guid personId,
        string kind,
        double capacity,
        double perSecond,
        TimeProvider clock,
        CancellationToken cancellationToken
    )
    {
        var left = await db
            .Database.SqlQueryRaw<double>(TakeSql, Parameters(personId, kind, capacity, perSecond, clock))
            .ToListAsync(cancellationToken);
        if (left.Count == 1)
        {
            return null;
        }

        return await RefusalAsync(db, personId, kind, capacity, perSecond, clock, cancellationToken);
    }

    private static readonly string TakeSql = $"""
        INSERT INTO "RateLimitBuckets" AS b ("ParticipantId", "Kind", "Tokens", "UpdatedAt")
        VALUES (@person, @kind, @capacity - 1, @now)
        ON CONFLICT ("ParticipantId", "Kind") DO UPDATE
           SET "Tokens" = {TokensNowSql("b", "@capacity", "@perSecond", "@now")} - 1, "UpdatedAt" = @now
         WHERE {TokensNowSql("b", "@capacity", "@perSecond", "@now")} >= 1
        RETURNING b."Tokens" AS "Value"
        """;

    private static readonly string TokensSql = $"""
        SELECT {TokensNowSql("b", "@capacity", "@perSecond", "@now")} AS "Value"
          FROM "RateLimitBuckets" b WHERE b."ParticipantId" = @person AND b."Kind" = @kind
        """;

    private static object[] Parameters(
        Guid personId,
        string kind,
        double capacity,
        double perSecond,
        TimeProvider clock
    ) =>
        [
            new NpgsqlParameter("person", personId),
            new NpgsqlParameter("kind", kind),
            new NpgsqlParameter("capacity", capacity),
            new NpgsqlParameter("perSecond", perSecond),
            new NpgsqlParameter("now", clock.GetUtcNow()),
        ];

    private static async Task<TooFast> RefusalAsync(
        ConversationsDbContext db,
        Guid personId,
        string kind,
        double capacity,
        double perSecond,
        TimeProvider clock,
        CancellationToken cancellationToken
    )
    {
        // No bucket yet: it is full (nobody takes a token without writing the row).
        var rows = await db
            .Database.SqlQueryRaw<double>(TokensSql, Parameters(personId, kind, capacity, perSecond, clock))
            .ToListAsync(cancellationToken);
        var now = rows.Count == 0 ? capacity : rows[0];
        return new TooFast(
            TimeSpan.FromSeconds(
                now >= 1 ? 0
                : perSecond <= 0 ? 3600
                : (1 - now) / perSecond
            )
        );
    }
}
