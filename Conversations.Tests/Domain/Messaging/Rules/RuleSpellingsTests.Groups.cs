using Conversations.Domain.Groups;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Tests.Domain;

/// <summary>Who manages a group, in C#, LINQ and SQL.</summary>
public partial class RuleSpellingsTests
{
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
            db.GroupMembers.Add(
                new GroupMember
                {
                    GroupId = group.Id,
                    MemberId = person,
                    Role = role,
                    JoinedAt = DateTimeOffset.UtcNow,
                }
            );
            byRole[role] = person;
        }

        await db.SaveChangesAsync();
        byRole[GroupRole.Creator] = creator.Id;

        var linq = await Managers.Of(db, group.Id).Select(m => m.MemberId).ToListAsync();
        // csharpier-ignore
        var sql = await IdsWhereAsync(
            db,
            $"""
            SELECT m."MemberId" FROM "GroupMembers" m
             WHERE m."GroupId" = @group AND {Managers.ManagesSql("m.\"GroupId\"", "m.\"MemberId\"", "@roles")}
            """,
            null,
            new NpgsqlParameter("group", group.Id),
            new NpgsqlParameter("roles", GroupRoles.ManagerRoleNames)
        );

        linq.Should().BeEquivalentTo(byRole.Where(r => r.Key.IsManager()).Select(r => r.Value));
        sql.Should().BeEquivalentTo(linq);
        byRole.Keys.Where(r => r.IsManager()).Should().BeEquivalentTo([GroupRole.Admin, GroupRole.Creator]);
    }
}
