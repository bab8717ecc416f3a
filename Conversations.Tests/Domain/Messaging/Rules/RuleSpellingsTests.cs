using Conversations.Domain.Groups;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Tests.Domain;

/// <summary>
/// The rules that the hot paths spell in SQL and the other use cases in LINQ or C#: each is run both ways over every
/// combination of its inputs, and the spellings must agree row by row.
/// </summary>
public partial class RuleSpellingsTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task A_live_person_is_the_same_in_LINQ_and_in_SQL_for_people_and_groups_deleted_or_not_blocked_on_the_platform_or_not()
    {
        await using var db = await fixture.DbAsync();
        var rows = new List<(Guid Id, bool Expected)>();
        foreach (var isGroup in new[] { false, true })
        {
            foreach (var deleted in new[] { false, true })
            {
                foreach (var blocked in new[] { false, true })
                {
                    rows.Add(
                        (
                            await AddParticipantAsync(db, isGroup, deleted, blocked: blocked),
                            !isGroup && !deleted && !blocked
                        )
                    );
                }
            }
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var linq = await LivePerson.All(db).Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync();
        // csharpier-ignore
        var sql = await IdsWhereAsync(
            db,
            $"""SELECT p."Id" FROM "Participants" p WHERE p."Id" = ANY(@ids) AND {LivePerson.Sql("p")}""",
            ids
        );

        linq.Should().BeEquivalentTo(rows.Where(r => r.Expected).Select(r => r.Id));
        sql.Should().BeEquivalentTo(linq);
    }

    [Fact]
    public async Task Blocked_on_the_platform_is_the_same_in_LINQ_and_in_SQL_for_people_and_groups_deleted_or_not()
    {
        await using var db = await fixture.DbAsync();
        var rows = new List<(Guid Id, bool Expected)>();
        foreach (var isGroup in new[] { false, true })
        {
            foreach (var deleted in new[] { false, true })
            {
                foreach (var blocked in new[] { false, true })
                {
                    // As the product states it: blocked by the moderators and not deleted since (a deleted account is only deleted).
                    rows.Add((await AddParticipantAsync(db, isGroup, deleted, blocked: blocked), blocked && !deleted));
                }
            }
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var linq = await db
            .Participants.Where(p => ids.Contains(p.Id))
            .Where(Conversations.Domain.Moderation.PlatformBlock.Rule)
            .Select(p => p.Id)
            .ToListAsync();
        var sql = await IdsWhereAsync(
            db,
            $"""SELECT p."Id" FROM "Participants" p WHERE p."Id" = ANY(@ids) AND {Conversations.Domain.Moderation.PlatformBlock.Sql("p")}""",
            ids
        );

        linq.Should().BeEquivalentTo(rows.Where(r => r.Expected).Select(r => r.Id));
        sql.Should().BeEquivalentTo(linq);
    }

    private static async Task<Guid> AddGroupAsync(
        ConversationsDbContext db,
        params (Guid Person, GroupRole Role)[] members
    )
    {
        var group = await AddParticipantAsync(db, isGroup: true, deleted: false);
        db.GroupMembers.AddRange(
            members.Select(m => new GroupMember
            {
                GroupId = group,
                MemberId = m.Person,
                Role = m.Role,
                JoinedAt = DateTimeOffset.UtcNow,
            })
        );
        await db.SaveChangesAsync();
        return group;
    }

    private static async Task<Guid> AddParticipantAsync(
        ConversationsDbContext db,
        bool isGroup,
        bool deleted,
        bool acceptsAnyone = true,
        bool confirmed = true,
        bool blocked = false
    )
    {
        var id = Guid.CreateVersion7();
        db.Participants.Add(
            new Participant
            {
                Id = id,
                Nickname = "r" + id.ToString("N")[..18],
                DisplayName = "Rule " + id.ToString("N")[..6],
                IsGroup = isGroup,
                DeletedAt = deleted ? DateTimeOffset.UtcNow : null,
                BlockedAt = blocked ? DateTimeOffset.UtcNow : null,
                AcceptsMessagesFromAnyone = acceptsAnyone,
                EmailConfirmed = confirmed,
                JoinedAt = DateTimeOffset.UtcNow,
            }
        );
        await db.SaveChangesAsync();
        return id;
    }

    private static async Task<List<Guid>> IdsWhereAsync(
        ConversationsDbContext db,
        string sql,
        Guid[]? ids,
        params NpgsqlParameter[] more
    )
    {
        await db.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
        if (ids is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("ids", ids));
        }

        command.Parameters.AddRange(more);
        var found = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetGuid(0));
        }

        return found;
    }
}
