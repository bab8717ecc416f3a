using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>A search result: a person, or a group with its member count; <see cref="Refusal"/> says why it cannot be picked.</summary>
public sealed record RecipientOption(Profile Profile, int MemberCount, Problem? Refusal = null);

/// <summary>
/// People and groups whose name or nickname contains the query (case-insensitive, a leading @ ignored), from 2
/// characters, at most 10, never the searcher (the person, or the group they write for). Nickname matches at the
/// start come first. Deleted accounts and people who blocked the searcher never appear; people who do not accept
/// the searcher's messages appear with the reason.
/// A person searches at most <see cref="RateLimitOptions.SearchesPerMinute"/> times a minute on one server (a token
/// bucket in memory: a search is a read, and its limit need not cost a write).
/// </summary>
public sealed class SearchRecipients
{
    public const int MinQueryLength = 2;
    public const int MaxResults = 10;

    private readonly IDbContextFactory<ConversationsDbContext> contexts;
    private readonly MemoryTokenBuckets searches;

    public SearchRecipients(IDbContextFactory<ConversationsDbContext> contexts, IOptions<RateLimitOptions> limits)
    {
        this.contexts = contexts;
        var perMinute = Math.Max(1, limits.Value.SearchesPerMinute);
        searches = new MemoryTokenBuckets(perMinute, perMinute / 60.0, limits.Value.Clock);
    }

    public Task<Result<IReadOnlyList<RecipientOption>>> HandleAsync(
        Actor searcher,
        string? query,
        CancellationToken cancellationToken = default
    ) => HandleAsync(searcher, query, [], cancellationToken);

    /// <param name="excluding">Participants left out of the results (those already picked).</param>
    public async Task<Result<IReadOnlyList<RecipientOption>>> HandleAsync(
        Actor searcher,
        string? query,
        IReadOnlyCollection<Guid> excluding,
        CancellationToken cancellationToken = default
    )
    {
        var text = (query ?? "").Trim().TrimStart('@').Trim();
        if (text.Length < MinQueryLength)
        {
            return Result<IReadOnlyList<RecipientOption>>.Success([]);
        }

        if (searches.Take(searcher.PersonId) is { } wait)
        {
            return new TooOften(wait);
        }

        var escaped = text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
        var contains = $"%{escaped}%";
        var prefix = $"{escaped.ToLowerInvariant()}%";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var opened = await OpenedConnection.OpenAsync(db, cancellationToken);
        await using var batch = new NpgsqlBatch(opened.Connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(SearchStatement.Prelude),
                SearchStatement.Instance.BatchCommand(
                    new SearchArguments(searcher.ParticipantId, [.. excluding], contains, prefix, MaxResults)
                ),
                new NpgsqlBatchCommand(SearchStatement.Postlude),
            },
        };
        await using var rows = await batch.ExecuteReaderAsync(cancellationToken);
        var found = new List<RecipientOption>();
        while (await rows.ReadAsync(cancellationToken))
        {
            var profile = new Profile(
                rows.Get<Guid>("Id"),
                rows.Get<string>("DisplayName"),
                rows.Get<string>("Nickname"),
                "",
                rows.Get<int>("PictureVersion"),
                rows.Get<DateTimeOffset>("JoinedAt"),
                rows.Get<bool>("IsGroup")
            );
            found.Add(
                new RecipientOption(
                    profile,
                    rows.Get<int>("MemberCount"),
                    rows.Get<bool>("Refuses") ? Consent.NotAccepting([profile.DisplayName]) : null
                )
            );
        }

        return Result<IReadOnlyList<RecipientOption>>.Success(found);
    }
}
