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

    public async Task<IReadOnlyList<RecipientOption>> HandleAsync(Actor searcher, string? query, CancellationToken cancellationToken = default)
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
            .Where(p => p.Id != searcher.ParticipantId && p.DeletedAt == null
                && !db.Blocks.Any(b => b.BlockerId == p.Id && b.BlockedId == searcher.ParticipantId) && (EF.Functions.ILike(p.Nickname, contains, @"\") || EF.Functions.ILike(p.DisplayName, contains, @"\")))
            .OrderByDescending(p => EF.Functions.Like(p.Nickname, prefix, @"\"))
            .ThenBy(p => p.DisplayName)
            .Take(MaxResults)
            .Select(p => new
            {
                Option = new RecipientOption(
                    new Profile(p.Id, p.DisplayName, p.Nickname, "", p.PictureVersion, p.JoinedAt, p.IsGroup, false),
                    p.IsGroup ? db.GroupMembers.Count(m => m.GroupId == p.Id) : 0,
                    null),
                Refuses = !p.IsGroup && !p.AcceptsMessagesFromAnyone && !db.Follows.Any(f => f.FollowerId == p.Id && f.FollowedId == searcher.ParticipantId),
            })
            .ToListAsync(cancellationToken);
        return found.Select(f => f.Refuses ? f.Option with { Refusal = Consent.NotAccepting(f.Option.Profile.DisplayName) } : f.Option).ToList();
    }
}
