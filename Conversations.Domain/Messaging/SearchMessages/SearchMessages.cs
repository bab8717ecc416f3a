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

    /// <summary>The newest <paramref name="wanted"/> matches before the cursor, walking the reader's conversations in batches.</summary>
    private static async Task<List<(long Id, DateTimeOffset SentAt)>> NewestMatchesAsync(
        NpgsqlConnection connection,
        Actor reader,
        string words,
        MessageSearchCursor? after,
        int wanted,
        CancellationToken cancellationToken
    )
    {
        var found = new List<(long Id, DateTimeOffset SentAt)>();
        var (edgeActivity, edgeConversation, batch) = (DateTimeOffset.MaxValue, Guid.Empty, FirstBatch);
        while (true)
        {
            await using var command = SearchBatchStatement.Instance.Command(
                connection,
                new SearchBatchArguments(
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
                )
            );
            long taken = 0;
            await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await rows.ReadAsync(cancellationToken))
                {
                    if (rows.Get<bool>("Edge"))
                    {
                        (edgeActivity, edgeConversation, taken) = (
                            rows.Get<DateTimeOffset>("SentAt"),
                            rows.Get<Guid>("ConversationId"),
                            rows.Get<long>("Taken")
                        );
                    }
                    else
                    {
                        found.Add((rows.Get<long>("Id"), rows.Get<DateTimeOffset>("SentAt")));
                    }
                }
            }

            found = [.. found.OrderByDescending(f => f.SentAt).ThenByDescending(f => f.Id).Take(wanted)];
            var everyConversationSeen = taken < batch;
            // Every conversation left was last active at the edge or before: none holds a message newer than the edge.
            var nothingNewerLeft = found.Count == wanted && found[^1].SentAt > edgeActivity;
            if (everyConversationSeen || nothingNewerLeft)
            {
                return found;
            }

            batch = Math.Min(batch * 4, LargestBatch);
        }
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
