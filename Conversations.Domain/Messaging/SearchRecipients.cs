using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>A search result: a person, or a group with its member count; <see cref="Refusal"/> says why it cannot be picked.</summary>
public sealed record RecipientOption(Profile Profile, int MemberCount, string? Refusal = null);

/// <summary>
/// People and groups whose name or nickname contains the query (case-insensitive, a leading @ ignored), from 2
/// characters, at most 10, never the searcher (the person, or the group they write for). Nickname matches at the
/// start come first. Deleted accounts and people who blocked the searcher never appear; people who do not accept
/// the searcher's messages appear with the reason.
/// </summary>
public sealed class SearchRecipients(IDbContextFactory<ConversationsDbContext> contexts)
{
    public const int MinQueryLength = 2;
    public const int MaxResults = 10;

    public Task<IReadOnlyList<RecipientOption>> HandleAsync(Actor searcher, string? query, CancellationToken cancellationToken = default) =>
        HandleAsync(searcher, query, [], cancellationToken);

    /// <param name="excluding">Participants left out of the results (those already picked).</param>
    public async Task<IReadOnlyList<RecipientOption>> HandleAsync(Actor searcher, string? query, IReadOnlyCollection<Guid> excluding, CancellationToken cancellationToken = default)
    {
        var text = (query ?? "").Trim().TrimStart('@').Trim();
        if (text.Length < MinQueryLength)
        {
            return [];
        }

        var escaped = text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
        var contains = $"%{escaped}%";
        var prefix = $"{escaped.ToLowerInvariant()}%";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Participants.AsNoTracking()
            .Where(p => p.Id != searcher.ParticipantId && p.DeletedAt == null && !excluding.Contains(p.Id)
                && !db.Blocks.Any(b => b.BlockerId == p.Id && b.BlockedId == searcher.ParticipantId) && (EF.Functions.ILike(p.Nickname, contains, @"\") || EF.Functions.ILike(p.DisplayName, contains, @"\")))
            .OrderByDescending(p => EF.Functions.Like(p.Nickname, prefix, @"\"))
            .ThenBy(p => p.DisplayName)
            .Take(MaxResults)
            .Select(p => new RecipientOption(
                new Profile(p.Id, p.DisplayName, p.Nickname, "", p.PictureVersion, p.JoinedAt, p.IsGroup, false),
                p.IsGroup ? db.GroupMembers.Count(m => m.GroupId == p.Id) : 0,
                null))
            .ToListAsync(cancellationToken);

        // Who of them would refuse a message, by the one consent rule that starting and replying use.
        var refusals = (await Consent.RefusalsAsync(db, searcher.ParticipantId, found.Select(f => f.Profile.Id).ToList(), cancellationToken))
            .ToDictionary(r => r.ParticipantId, r => r.Message);
        return found.Select(f => f with { Refusal = refusals.GetValueOrDefault(f.Profile.Id) }).ToList();
    }
}
