using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>A search result: a person, or a group with its member count.</summary>
public sealed record RecipientOption(Profile Profile, int MemberCount);

/// <summary>
/// People and groups whose name or nickname contains the query (case-insensitive, a leading @ ignored), from 2
/// characters, at most 10, never the searcher (the person, or the group they write for). Nickname matches at the
/// start come first.
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
        return await db.Participants.AsNoTracking()
            .Where(p => p.Id != searcher.ParticipantId && (EF.Functions.ILike(p.Nickname, contains, @"\") || EF.Functions.ILike(p.DisplayName, contains, @"\")))
            .OrderByDescending(p => EF.Functions.Like(p.Nickname, prefix, @"\"))
            .ThenBy(p => p.DisplayName)
            .Take(MaxResults)
            .Select(p => new RecipientOption(
                new Profile(p.Id, p.DisplayName, p.Nickname, "", p.PictureVersion, p.JoinedAt, p.IsGroup),
                p.IsGroup ? db.GroupMembers.Count(m => m.GroupId == p.Id) : 0))
            .ToListAsync(cancellationToken);
    }
}
