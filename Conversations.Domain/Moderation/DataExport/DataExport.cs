using System.IO.Compression;
using System.Text.Json;
using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Moderation;

/// <summary>
/// "Download my data": a ZIP of JSON files — the person's profile and settings, follows, blocks, groups and roles, every
/// conversation they are in with its participants and messages, their drafts, and the reports they made — written as it is read,
/// a page of conversations at a time, so that 10,000 conversations never sit in the server's memory at once. Nothing
/// about others beyond what the person can already see: names and nicknames of the people they write with, the
/// messages of their conversations (who in a group wrote a group's message is told only to its managers, so never here).
/// </summary>
public sealed class DataExport(IDbContextFactory<ConversationsDbContext> contexts, IOptions<RateLimitOptions> limits)
{
    /// <summary>How many conversations are read (with their messages) before they are written out and let go.</summary>
    public const int ConversationsPerPage = 100;

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>
    /// Writes the archive of a live person's data to the stream <paramref name="open"/> gives (asked for only once the
    /// archive will be written, so that a refusal can still be answered as one): not found for anyone else, too often
    /// beyond <see cref="RateLimitOptions.ExportsPerHour"/>.
    /// </summary>
    public async Task<Result<bool>> WriteAsync(
        Guid personId,
        Func<Stream> open,
        CancellationToken cancellationToken = default
    )
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var me = await LivePerson.All(db).FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (me is null)
        {
            return new NotFound();
        }

        if (await RateLimiter.TakeExportAsync(db, limits.Value, personId, cancellationToken) is { } tooOften)
        {
            return tooOften;
        }

        var output = open();
        await using var sink = new DrainingStream(output);
        await using (
            var archive = await ZipArchive.CreateAsync(
                sink,
                ZipArchiveMode.Create,
                leaveOpen: true,
                entryNameEncoding: null,
                cancellationToken
            )
        )
        {
            async Task EntryAsync(string name, Func<Utf8JsonWriter, Task> write)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
                await using (var stream = await entry.OpenAsync(cancellationToken))
                {
                    await using var json = new Utf8JsonWriter(stream, Indented);
                    await write(json);
                    await json.FlushAsync(cancellationToken);
                }

                await sink.DrainAsync(cancellationToken); // the entry's last block, written as it closed
            }

            await EntryAsync("profile.json", json =>
            {
                WriteProfile(json, me);
                return Task.CompletedTask;
            });
            await EntryAsync("follows.json", async json =>
            {
                json.WriteStartObject();
                await PeopleAsync(
                    json,
                    "following",
                    from f in db.Follows
                    where f.FollowerId == personId
                    join p in db.Participants on f.FollowedId equals p.Id
                    orderby p.Nickname
                    select new Person(p.Nickname, p.DisplayName, p.DeletedAt != null, f.Since),
                    cancellationToken
                );
                json.WriteNumber(
                    "followers",
                    await db.Follows.CountAsync(f => f.FollowedId == personId, cancellationToken)
                ); // who they are is not shown to anyone
                json.WriteEndObject();
            });
            await EntryAsync("blocks.json", async json =>
            {
                json.WriteStartObject();
                await PeopleAsync(
                    json,
                    "blocked",
                    from b in db.Blocks
                    where b.BlockerId == personId
                    join p in db.Participants on b.BlockedId equals p.Id
                    orderby p.Nickname
                    select new Person(p.Nickname, p.DisplayName, p.DeletedAt != null, b.Since),
                    cancellationToken
                );
                json.WriteEndObject();
            });
            await EntryAsync("groups.json", json => WriteGroupsAsync(json, db, personId, cancellationToken));
            await EntryAsync("conversations.json", json =>
                WriteConversationsAsync(json, db, personId, () => sink.DrainAsync(cancellationToken), cancellationToken)
            );
            await EntryAsync("reports.json", json => WriteReportsAsync(json, db, personId, cancellationToken));
            await EntryAsync("drafts.json", json => WriteDraftsAsync(json, db, personId, cancellationToken));
        }

        await sink.DrainAsync(cancellationToken); // the archive's central directory
        await output.FlushAsync(cancellationToken);
        return true;
    }

    private static void WriteProfile(Utf8JsonWriter json, Participant me)
    {
        json.WriteStartObject();
        json.WriteString("id", me.Id);
        json.WriteString("nickname", me.Nickname);
        json.WriteString("displayName", me.DisplayName);
        json.WriteString("about", me.About);
        json.WriteString("email", me.Email);
        json.WriteBoolean("emailConfirmed", me.EmailConfirmed);
        json.WriteString("joinedAt", me.JoinedAt);
        json.WriteBoolean("hasPicture", me.PictureVersion > 0);
        json.WriteStartObject("settings");
        json.WriteBoolean("acceptsMessagesFromAnyone", me.AcceptsMessagesFromAnyone);
        json.WriteBoolean("emailAboutMessages", me.EmailAboutMessages);
        json.WriteString("timeZone", me.TimeZone);
        json.WriteString("language", me.Language);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static async Task PeopleAsync(
        Utf8JsonWriter json,
        string name,
        IQueryable<Person> people,
        CancellationToken cancellationToken
    )
    {
        json.WriteStartArray(name);
        await foreach (var person in people.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            WriteName(json, person.Nickname, person.DisplayName, person.Deleted);
            json.WriteString("since", person.Since);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Someone as the person sees them: a deleted account's nickname is not shown, its name is "Deleted participant".</summary>
    private static void WriteName(Utf8JsonWriter json, string nickname, string displayName, bool deleted)
    {
        json.WriteString("nickname", deleted ? null : nickname);
        json.WriteString("displayName", deleted ? Profile.DeletedName : displayName);
    }

    private static async Task WriteGroupsAsync(
        Utf8JsonWriter json,
        ConversationsDbContext db,
        Guid personId,
        CancellationToken cancellationToken
    )
    {
        json.WriteStartArray();
        var groups =
            from m in db.GroupMembers
            where m.MemberId == personId
            join g in db.Participants on m.GroupId equals g.Id
            orderby g.Nickname
            select new
            {
                g.Nickname,
                g.DisplayName,
                m.Role,
                m.JoinedAt,
            };
        await foreach (var group in groups.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("nickname", group.Nickname);
            json.WriteString("displayName", group.DisplayName);
            json.WriteString("role", group.Role.Label());
            json.WriteString("joinedAt", group.JoinedAt);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The person's conversations (in their own name), oldest first, a page at a time: each page's participants and messages, then the next.</summary>
    private static async Task WriteConversationsAsync(
        Utf8JsonWriter json,
        ConversationsDbContext db,
        Guid personId,
        Func<Task> drain,
        CancellationToken cancellationToken
    )
    {
        json.WriteStartArray();
        var after = Guid.Empty;
        while (true)
        {
            var page = await db
                .ConversationMembers.Where(m => m.ParticipantId == personId && m.ConversationId.CompareTo(after) > 0)
                .OrderBy(m => m.ConversationId)
                .Select(m => m.ConversationId)
                .Take(ConversationsPerPage)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var started = await db
                .Conversations.Where(c => page.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => c.StartedAt, cancellationToken);
            var people = (
                await (
                    from m in db.ConversationMembers
                    where page.Contains(m.ConversationId)
                    join p in db.Participants on m.ParticipantId equals p.Id
                    select new
                    {
                        m.ConversationId,
                        p.Id,
                        p.Nickname,
                        p.DisplayName,
                        p.IsGroup,
                        Deleted = p.DeletedAt != null,
                    }
                ).ToListAsync(cancellationToken)
            ).ToLookup(p => p.ConversationId);
            var messages = (
                await db
                    .Messages.Where(m => page.Contains(m.ConversationId))
                    .OrderBy(m => m.ConversationId)
                    .ThenBy(m => m.Seq)
                    .Select(m => new
                    {
                        m.ConversationId,
                        m.SenderId,
                        m.SentAt,
                        m.Body,
                    })
                    .ToListAsync(cancellationToken)
            ).ToLookup(m => m.ConversationId);
            foreach (var id in page)
            {
                var names = people[id].ToDictionary(p => p.Id, p => p.Deleted ? null : p.Nickname);
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("startedAt", started[id]);
                json.WriteStartArray("participants");
                foreach (var p in people[id].OrderBy(p => p.Nickname, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    WriteName(json, p.Nickname, p.DisplayName, p.Deleted);
                    json.WriteBoolean("isGroup", p.IsGroup);
                    json.WriteBoolean("isYou", p.Id == personId);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("messages");
                foreach (var m in messages[id])
                {
                    json.WriteStartObject();
                    json.WriteString("from", names.GetValueOrDefault(m.SenderId));
                    json.WriteBoolean("fromYou", m.SenderId == personId);
                    json.WriteString("sentAt", m.SentAt);
                    json.WriteString("text", m.Body);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            await json.FlushAsync(cancellationToken); // this page goes out now; the next is read into emptied buffers
            await drain();
            after = page[^1];
        }

        json.WriteEndArray();
    }

    private static async Task WriteReportsAsync(
        Utf8JsonWriter json,
        ConversationsDbContext db,
        Guid personId,
        CancellationToken cancellationToken
    )
    {
        json.WriteStartArray();
        var reports =
            from r in db.Reports
            where r.ReporterId == personId
            join t in db.Participants on r.TargetId equals t.Id
            orderby r.CreatedAt
            select new
            {
                t.Nickname,
                r.Reason,
                r.Details,
                r.Evidence,
                r.CreatedAt,
                Open = r.ClosedAt == null,
            };
        await foreach (var report in reports.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("about", report.Nickname);
            json.WriteString("reason", report.Reason.ToString());
            json.WriteString("details", report.Details);
            json.WriteString("sharedMessage", report.Evidence);
            json.WriteString("madeAt", report.CreatedAt);
            json.WriteBoolean("open", report.Open);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>What they typed and have not sent, where (a conversation's id, or the recipients of a new one), as whom.</summary>
    private static async Task WriteDraftsAsync(
        Utf8JsonWriter json,
        ConversationsDbContext db,
        Guid personId,
        CancellationToken cancellationToken
    )
    {
        json.WriteStartArray();
        var drafts =
            from d in db.Drafts
            where d.PersonId == personId
            join p in db.Participants on d.ParticipantId equals p.Id
            orderby d.SavedAt
            select new
            {
                d.Place,
                d.Body,
                d.SavedAt,
                As = p.Nickname,
            };
        await foreach (var draft in drafts.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("place", draft.Place);
            json.WriteString("as", draft.As);
            json.WriteString("text", draft.Body);
            json.WriteString("savedAt", draft.SavedAt);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private sealed record Person(string Nickname, string DisplayName, bool Deleted, DateTimeOffset Since);
}
