using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Messaging;

/// <summary>A managed group's unread messages for one of its managers.</summary>
/// <param name="Muted">The manager muted the group's inbox: its count is shown in place, never on the badge.</param>
public sealed record GroupUnread(Profile Group, int Unread, int Requests = 0, bool Muted = false);

/// <summary>A person's unread messages: in their own conversations, and in those of each group they manage.</summary>
/// <param name="Requests">How many message requests wait for the person (never on the badge: see <see cref="MessageRequests"/>).</param>
public sealed record UnreadCounts(int Personal, IReadOnlyList<GroupUnread> Groups, int Requests = 0)
{
    /// <summary>What the header badge shows.</summary>
    public int Total =>
        (int)
            Math.Min(
                int.MaxValue,
                Personal + Groups.Where(g => Telling.Heard(false, g.Muted)).Sum(g => (long)g.Unread)
            );

    public int ForGroup(Guid groupId) => Groups.FirstOrDefault(g => g.Group.Id == groupId)?.Unread ?? 0;

    /// <summary>Whether a screen showing <paramref name="other"/> would show exactly these counts.</summary>
    public bool SameAs(UnreadCounts? other) =>
        other is not null
        && Personal == other.Personal
        && Requests == other.Requests
        && Groups.SequenceEqual(other.Groups);

    public int RequestsFor(Guid groupId) => Groups.FirstOrDefault(g => g.Group.Id == groupId)?.Requests ?? 0;
}

/// <summary>
/// A person's unread messages over all their conversations and those of the groups they manage, in one round trip
/// (<see cref="UnreadStatement"/>). A deleted account keeps its place in conversations, and reads nothing.
/// </summary>
public sealed class CountUnread(IDbContextFactory<ConversationsDbContext> contexts)
{
    public async Task<UnreadCounts> HandleAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        await using var command = await UnreadStatement.Instance.CommandAsync(db, personId, cancellationToken);
        var rows = new List<CountRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(
                    new CountRow(
                        reader.GetOrNull<Guid>("GroupId"),
                        reader.Get<string>("DisplayName"),
                        reader.Get<string>("Nickname"),
                        reader.Get<int>("PictureVersion"),
                        reader.Get<DateTimeOffset>("JoinedAt"),
                        reader.Get<long>("Unread"),
                        reader.Get<long>("Requests"),
                        reader.Get<bool>("InboxMuted")
                    )
                );
            }
        }

        return new UnreadCounts(
            Clamp(rows.Where(r => r.Id is null).Sum(r => r.Unread)),
            rows.Where(r => r.Id is not null)
                .OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase)
                .Select(g => new GroupUnread(
                    new Profile(g.Id!.Value, g.DisplayName, g.Nickname, "", g.PictureVersion, g.JoinedAt, true),
                    Clamp(g.Unread),
                    Clamp(g.Requests),
                    g.InboxMuted
                ))
                .ToList(),
            Clamp(rows.Where(r => r.Id is null).Sum(r => r.Requests))
        );
    }

    private static int Clamp(long count) => (int)Math.Min(count, int.MaxValue);

    private sealed record CountRow(
        Guid? Id,
        string DisplayName,
        string Nickname,
        int PictureVersion,
        DateTimeOffset JoinedAt,
        long Unread,
        long Requests,
        bool InboxMuted
    );
}
