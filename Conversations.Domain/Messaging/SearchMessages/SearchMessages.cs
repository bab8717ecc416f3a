using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// One message found: in which conversation (with whom), who wrote it, when, and its text cut around the words found
/// (<see cref="Snippet"/>: the words found between <see cref="SearchText.MarkStart"/> and <see cref="SearchText.MarkEnd"/>).
/// </summary>
public sealed record MessageHit(
    Guid ConversationId,
    long Seq,
    IReadOnlyList<Profile> Others,
    ParticipantId Sender,
    string Snippet,
    DateTimeOffset SentAt,
    long MessageId
);

/// <summary>Where the next page of results starts: after this message in "newest first" order.</summary>
public sealed record MessageSearchCursor(DateTimeOffset SentAt, long MessageId);

public sealed record MessageSearchPage(IReadOnlyList<MessageHit> Hits, MessageSearchCursor? Next);

/// <summary>
/// Search in my messages: the messages whose words match (<see cref="SearchText"/>) in the conversations the reader is in
/// — their own, or a group's they manage, searched for the group — and never anything else; newest first, a page at a
/// time. What a conversation page shows, a search finds: messages of deleted accounts and of people since blocked stay
/// in the conversation and are found there; a request the reader declined is not searched (they hear nothing more of it).
/// It walks the reader's conversations newest activity first in growing batches and stops as soon as no conversation
/// left can hold a newer match than the page's last (a conversation's messages are never newer than its last activity),
/// so a word found in recent conversations costs one batch however many conversations the reader has.
/// A person searches at most <see cref="RateLimitOptions.SearchesPerMinute"/> times a minute on one server.
/// </summary>
public sealed class SearchMessages
{
    public const int DefaultPageSize = 20;
    public const int SnippetLength = 400;
    private const int FirstBatch = 32;
    private const int LargestBatch = 4096;

    private readonly IDbContextFactory<ConversationsDbContext> contexts;
    private readonly MemoryTokenBuckets searches;

    /// <summary>
    /// Words the planner expects in at most this many messages of the site (or with a stem it does not list as common) are
    /// looked up in the words' index; others walk the conversations. A test takes one way or the other on a small
    /// database: <see cref="double.MaxValue"/> always the index, a negative number always the walk.
    /// </summary>
    internal double RareWords { get; init; } = 10_000;

    public SearchMessages(IDbContextFactory<ConversationsDbContext> contexts, IOptions<RateLimitOptions> limits)
    {
        this.contexts = contexts;
        var perMinute = Math.Max(1, limits.Value.SearchesPerMinute);
        searches = new MemoryTokenBuckets(perMinute, perMinute / 60.0, limits.Value.Clock);
    }

    public async Task<Result<MessageSearchPage>> HandleAsync(
        Actor reader,
        string? words,
        MessageSearchCursor? after = null,
        int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default
    )
    {
        var checkedWords = SearchText.Check(words);
        if (!checkedWords.Succeeded)
        {
            return checkedWords.Problem!;
        }

        if (searches.Take(reader.PersonId) is { } wait)
        {
            return new TooOften(wait);
        }

        var text = checkedWords.Value!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var opened = await OpenedConnection.OpenAsync(db, cancellationToken);
        var found = await NewestMatchesAsync(opened.Connection, reader, text, after, pageSize + 1, cancellationToken);
        if (found.Count == 0)
        {
            // Nothing found, or a group the reader no longer manages (it has no inbox for them): told apart here.
            return !reader.ForGroup || await Access.CanActAsync(db, reader, cancellationToken)
                ? new MessageSearchPage([], null)
                : Groups.GroupGate.GroupNotFound;
        }

        var page = found.Take(pageSize).ToList();
        var hits = await DetailsAsync(opened.Connection, reader, text, page, cancellationToken);
        var next = found.Count > pageSize ? new MessageSearchCursor(page[^1].SentAt, page[^1].Id) : null;
        return new MessageSearchPage(hits, next);
    }

    /// <summary>
    /// The newest <paramref name="wanted"/> matches before the cursor. Words few messages of the whole site hold (by the
    /// planner's statistics: <see cref="RareAsync"/>) are found through the words' index at once; common words by walking the reader's
    /// conversations in batches, newest activity first, until no conversation left can hold a newer match.
    /// </summary>
    private async Task<List<(long Id, DateTimeOffset SentAt)>> NewestMatchesAsync(
        NpgsqlConnection connection,
        Actor reader,
        string words,
        MessageSearchCursor? after,
        int wanted,
        CancellationToken cancellationToken
    )
    {
        var found = new List<(long Id, DateTimeOffset SentAt)>();
        SearchBatchArguments Arguments(DateTimeOffset edgeActivity, Guid edgeConversation, int batch) =>
            new(
                new ParticipantId(reader.ParticipantId),
                new PersonId(reader.PersonId),
                reader.ForGroup,
                words,
                edgeActivity,
                new ConversationId(edgeConversation),
                batch,
                after?.SentAt ?? DateTimeOffset.MaxValue,
                after?.MessageId ?? long.MaxValue,
                wanted
            );
        if (await RareAsync(connection, words, cancellationToken))
        {
            await StepAsync(
                connection,
                RareWordsStatement.Instance.BatchCommand(Arguments(default, default, 0)),
                found,
                cancellationToken
            );
            return found;
        }

        var (edge, batch) = ((Activity: DateTimeOffset.MaxValue, Conversation: Guid.Empty, Taken: 0L), FirstBatch);
        while (true)
        {
            edge = await StepAsync(
                connection,
                SearchBatchStatement.Instance.BatchCommand(Arguments(edge.Activity, edge.Conversation, batch)),
                found,
                cancellationToken
            );
            found = [.. found.OrderByDescending(f => f.SentAt).ThenByDescending(f => f.Id).Take(wanted)];
            var everyConversationSeen = edge.Taken < batch;
            // Every conversation left was last active at the edge or before: none holds a message newer than the edge.
            var nothingNewerLeft = found.Count == wanted && found[^1].SentAt > edge.Activity;
            if (everyConversationSeen || nothingNewerLeft)
            {
                return found;
            }

            batch = Math.Min(batch * 4, LargestBatch);
        }
    }

    /// <summary>Runs one search statement planned for these words (never a generic plan: the recipient search's settings).</summary>
    /// <returns>Where a batch ended and how many conversations it took (none for the rare words' statement).</returns>
    private static async Task<(DateTimeOffset Activity, Guid Conversation, long Taken)> StepAsync(
        NpgsqlConnection connection,
        NpgsqlBatchCommand statement,
        List<(long Id, DateTimeOffset SentAt)> found,
        CancellationToken cancellationToken
    )
    {
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(SearchStatement.Prelude),
                statement,
                new NpgsqlBatchCommand(SearchStatement.Postlude),
            },
        };
        var edge = (Activity: DateTimeOffset.MinValue, Conversation: Guid.Empty, Taken: 0L);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.Get<bool>("Edge"))
            {
                edge = (rows.Get<DateTimeOffset>("SentAt"), rows.Get<Guid>("ConversationId"), rows.Get<long>("Taken"));
            }
            else
            {
                found.Add((rows.Get<long>("Id"), rows.Get<DateTimeOffset>("SentAt")));
            }
        }

        return edge;
    }

    /// <summary>
    /// Whether the words are rare on the site, by the planner's statistics (one round trip, no message read): it expects
    /// few messages to hold them (<see cref="WordsEstimateStatement"/>), or one of them has no stem among the most
    /// common ones in any language (<see cref="UncommonWordsStatement"/>).
    /// </summary>
    private async Task<bool> RareAsync(NpgsqlConnection connection, string words, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(SearchStatement.Prelude),
                WordsEstimateStatement.Instance.BatchCommand(words),
                UncommonWordsStatement.Instance.BatchCommand(words),
                new NpgsqlBatchCommand(SearchStatement.Postlude),
            },
        };
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        await rows.ReadAsync(cancellationToken);
        using var plan = System.Text.Json.JsonDocument.Parse(rows.GetString(0));
        var expected = plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        await rows.NextResultAsync(cancellationToken);
        await rows.ReadAsync(cancellationToken);
        var uncommon = rows.GetBoolean(0);
        return RareWords >= 0 && (expected <= RareWords || uncommon);
    }

    private static async Task<List<MessageHit>> DetailsAsync(
        NpgsqlConnection connection,
        Actor reader,
        string words,
        List<(long Id, DateTimeOffset SentAt)> page,
        CancellationToken cancellationToken
    )
    {
        await using var command = SearchHitsStatement.Instance.Command(
            connection,
            new SearchHitsArguments([.. page.Select(p => p.Id)], reader.ParticipantId, words, SnippetLength)
        );
        var hits = new Dictionary<long, MessageHit>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var othersColumn = rows.GetOrdinal("Others");
            var id = rows.Get<long>("Id");
            hits[id] = new MessageHit(
                rows.Get<Guid>("ConversationId"),
                rows.Get<long>("Seq"),
                rows.IsDBNull(othersColumn) ? [] : OthersJson.Read(rows, othersColumn),
                new ParticipantId(rows.Get<Guid>("SenderId")),
                rows.Get<string>("Snippet"),
                rows.Get<DateTimeOffset>("SentAt"),
                id
            );
        }

        return [.. page.Select(p => hits[p.Id])];
    }
}
