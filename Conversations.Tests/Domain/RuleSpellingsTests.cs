using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Tests.Domain;

/// <summary>
/// The rules that the hot paths spell in SQL and the other use cases in LINQ or C#: each is run both ways over every
/// combination of its inputs, and the spellings must agree row by row.
/// </summary>
public class RuleSpellingsTests(DomainFixture fixture) : IClassFixture<DomainFixture>
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
                    rows.Add((await AddParticipantAsync(db, isGroup, deleted, blocked: blocked), !isGroup && !deleted && !blocked));
                }
            }
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var linq = await LivePerson.All(db).Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync();
        var sql = await IdsWhereAsync(db, $"""SELECT p."Id" FROM "Participants" p WHERE p."Id" = ANY(@ids) AND {LivePerson.Sql("p")}""", ids);

        linq.Should().BeEquivalentTo(rows.Where(r => r.Expected).Select(r => r.Id));
        sql.Should().BeEquivalentTo(linq);
    }

    [Fact]
    public async Task May_write_is_the_same_in_LINQ_and_in_the_reply_statement_s_SQL_for_confirmed_or_not_and_deleted_or_not()
    {
        await using var db = await fixture.DbAsync();
        var rows = new List<(Guid Id, bool Expected)>();
        foreach (var confirmed in new[] { false, true })
        {
            foreach (var deleted in new[] { false, true })
            {
                rows.Add((await AddParticipantAsync(db, isGroup: false, deleted, confirmed: confirmed), confirmed && !deleted));
            }
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var linq = await LivePerson.All(db).Where(ConfirmedAddress.Rule).Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync();
        var sql = await IdsWhereAsync(db, $"""
            SELECT p."Id" FROM "Participants" p WHERE p."Id" = ANY(@ids) AND {SqlRules.MayWrite("p.\"Id\"", "p.\"Id\"", "false", "@roles")}
            """, ids, new NpgsqlParameter("roles", GroupRoles.ManagerRoleNames));

        linq.Should().BeEquivalentTo(rows.Where(r => r.Expected).Select(r => r.Id));
        sql.Should().BeEquivalentTo(linq);
    }

    [Fact]
    public async Task Managing_a_group_is_the_same_in_CSharp_LINQ_and_SQL_for_every_role()
    {
        var creator = await fixture.NewParticipantAsync();
        var group = await fixture.NewGroupAsync(creator);
        await using var db = await fixture.DbAsync();
        var byRole = new Dictionary<GroupRole, Guid>();
        foreach (var role in Enum.GetValues<GroupRole>().Where(r => r != GroupRole.Creator))
        {
            var person = await AddParticipantAsync(db, isGroup: false, deleted: false);
            db.GroupMembers.Add(new GroupMember { GroupId = group.Id, MemberId = person, Role = role, JoinedAt = DateTimeOffset.UtcNow });
            byRole[role] = person;
        }

        await db.SaveChangesAsync();
        byRole[GroupRole.Creator] = creator.Id;

        var linq = await Managers.Of(db, group.Id).Select(m => m.MemberId).ToListAsync();
        var sql = await IdsWhereAsync(db, $"""
            SELECT m."MemberId" FROM "GroupMembers" m
             WHERE m."GroupId" = @group AND {Managers.ManagesSql("m.\"GroupId\"", "m.\"MemberId\"", "@roles")}
            """, null, new NpgsqlParameter("group", group.Id), new NpgsqlParameter("roles", GroupRoles.ManagerRoleNames));

        linq.Should().BeEquivalentTo(byRole.Where(r => r.Key.IsManager()).Select(r => r.Value));
        sql.Should().BeEquivalentTo(linq);
        byRole.Keys.Where(r => r.IsManager()).Should().BeEquivalentTo([GroupRole.Admin, GroupRole.Creator]);
    }

    [Fact]
    public async Task Consent_is_the_same_in_LINQ_and_in_SQL_over_every_combination_of_group_deleted_blocked_open_and_following()
    {
        await using var db = await fixture.DbAsync();
        var sender = await AddParticipantAsync(db, isGroup: false, deleted: false);
        var expected = new Dictionary<Guid, bool>();
        foreach (var isGroup in new[] { false, true })
        {
            foreach (var deleted in new[] { false, true })
            {
                foreach (var blocked in new[] { false, true })
                {
                    foreach (var open in new[] { false, true })
                    {
                        foreach (var follows in new[] { false, true })
                        {
                            var id = await AddParticipantAsync(db, isGroup, deleted, open);
                            if (blocked)
                            {
                                db.Blocks.Add(new Block { BlockerId = id, BlockedId = sender, Since = DateTimeOffset.UtcNow });
                            }

                            if (follows)
                            {
                                db.Follows.Add(new Follow { FollowerId = id, FollowedId = sender, Since = DateTimeOffset.UtcNow });
                            }

                            // The rule as the product states it: a deleted account refuses nobody (it is never written to); a
                            // block from the recipient's side refuses (for a group: a block in its name, see the next test for its
                            // managers'); a person also refuses strangers once "allow anyone" is off; groups accept strangers.
                            expected[id] = !deleted && (blocked || (!isGroup && !open && !follows));
                        }
                    }
                }
            }
        }

        await db.SaveChangesAsync();
        var ids = expected.Keys.ToArray();

        var linq = (await Consent.RefusalsAsync(db, sender, ids, CancellationToken.None)).Select(r => r.ParticipantId).ToList();
        var sql = await IdsWhereAsync(db, $"""SELECT p."Id" FROM "Participants" p WHERE p."Id" = ANY(@ids) AND {SqlRules.Refuses("p", "@sender")}""",
            ids, new NpgsqlParameter("sender", sender));

        linq.Should().BeEquivalentTo(expected.Where(e => e.Value).Select(e => e.Key));
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
        var linq = await db.Participants.Where(p => ids.Contains(p.Id)).Where(Conversations.Domain.Moderation.PlatformBlock.Rule).Select(p => p.Id).ToListAsync();
        var sql = await IdsWhereAsync(db, $"""SELECT p."Id" FROM "Participants" p WHERE p."Id" = ANY(@ids) AND {Conversations.Domain.Moderation.PlatformBlock.Sql("p")}""", ids);

        linq.Should().BeEquivalentTo(rows.Where(r => r.Expected).Select(r => r.Id));
        sql.Should().BeEquivalentTo(linq);
    }

    [Fact]
    public async Task A_block_holds_between_the_people_behind_groups_on_either_side_the_same_in_LINQ_and_in_SQL()
    {
        await using var db = await fixture.DbAsync();
        var (alice, mallory, bob, carol) = (await AddParticipantAsync(db, false, false), await AddParticipantAsync(db, false, false),
            await AddParticipantAsync(db, false, false), await AddParticipantAsync(db, false, false));
        var byMallory = await AddGroupAsync(db, (mallory, GroupRole.Creator));             // mallory writes in its name, or carol does
        var withMallory = await AddGroupAsync(db, (carol, GroupRole.Creator), (mallory, GroupRole.Member)); // mallory does not manage it
        var adminMallory = await AddGroupAsync(db, (carol, GroupRole.Creator), (mallory, GroupRole.Admin));
        var alices = await AddGroupAsync(db, (alice, GroupRole.Admin), (bob, GroupRole.Creator)); // alice manages it
        var aliceIsMember = await AddGroupAsync(db, (bob, GroupRole.Creator), (alice, GroupRole.Member));
        var blockedGroup = await AddGroupAsync(db, (carol, GroupRole.Creator));            // alice blocked the group itself
        db.Blocks.AddRange(
            new Block { BlockerId = alice, BlockedId = mallory, Since = DateTimeOffset.UtcNow },
            new Block { BlockerId = alice, BlockedId = blockedGroup, Since = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        Guid[] recipients = [alice, alices, aliceIsMember, bob, carol];

        // Who refuses each sender, as the product states it: alice, and every group alice manages, refuse mallory, every
        // group mallory manages and the group alice blocked; a group where alice is a plain member, and everyone else, refuse nobody.
        var expected = new Dictionary<Guid, Guid[]>
        {
            [mallory] = [alice, alices],
            [byMallory] = [alice, alices],
            [adminMallory] = [alice, alices],
            [withMallory] = [],
            [blockedGroup] = [alice, alices],
            [bob] = [],
            [carol] = [],
        };
        foreach (var (sender, refusing) in expected)
        {
            var others = recipients.Where(r => r != sender).ToArray();
            var linq = (await Consent.RefusalsAsync(db, sender, others, CancellationToken.None)).Select(r => r.ParticipantId).ToList();
            var sql = await IdsWhereAsync(db, $"""SELECT p."Id" FROM "Participants" p WHERE p."Id" = ANY(@ids) AND {SqlRules.Refuses("p", "@sender")}""",
                others, new NpgsqlParameter("sender", sender));

            linq.Should().BeEquivalentTo(refusing, $"sender {Array.IndexOf([.. expected.Keys], sender)} in LINQ");
            sql.Should().BeEquivalentTo(linq, $"sender {Array.IndexOf([.. expected.Keys], sender)} in SQL");
        }
    }

    private static async Task<Guid> AddGroupAsync(ConversationsDbContext db, params (Guid Person, GroupRole Role)[] members)
    {
        var group = await AddParticipantAsync(db, isGroup: true, deleted: false);
        db.GroupMembers.AddRange(members.Select(m => new GroupMember { GroupId = group, MemberId = m.Person, Role = m.Role, JoinedAt = DateTimeOffset.UtcNow }));
        await db.SaveChangesAsync();
        return group;
    }

    private static async Task<Guid> AddParticipantAsync(
        ConversationsDbContext db, bool isGroup, bool deleted, bool acceptsAnyone = true, bool confirmed = true, bool blocked = false)
    {
        var id = Guid.CreateVersion7();
        db.Participants.Add(new Participant
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
        });
        await db.SaveChangesAsync();
        return id;
    }

    private static async Task<List<Guid>> IdsWhereAsync(ConversationsDbContext db, string sql, Guid[]? ids, params NpgsqlParameter[] more)
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
