using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Tests.Domain;

/// <summary>Who may write to whom: the consent rule, blocks through groups, may write and may reply, spelled in SQL and in LINQ or C#.</summary>
public partial class RuleSpellingsTests
{
    [Fact]
    public async Task May_write_is_the_same_in_LINQ_and_in_the_reply_statement_s_SQL_for_confirmed_or_not_and_deleted_or_not()
    {
        await using var db = await fixture.DbAsync();
        var rows = new List<(Guid Id, bool Expected)>();
        foreach (var confirmed in new[] { false, true })
        {
            foreach (var deleted in new[] { false, true })
            {
                rows.Add(
                    (
                        await AddParticipantAsync(db, isGroup: false, deleted, confirmed: confirmed),
                        confirmed && !deleted
                    )
                );
            }
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var linq = await LivePerson
            .All(db)
            .Where(ConfirmedAddress.Rule)
            .Where(p => ids.Contains(p.Id))
            .Select(p => p.Id)
            .ToListAsync();
        // csharpier-ignore
        var sql = await IdsWhereAsync(
            db,
            $"""
            SELECT p."Id" FROM "Participants" p WHERE p."Id" = ANY(@ids) AND {SqlRules.MayWrite("p.\"Id\"", "p.\"Id\"", "false", "@roles")}
            """,
            ids,
            new NpgsqlParameter("roles", GroupRoles.ManagerRoleNames)
        );

        linq.Should().BeEquivalentTo(rows.Where(r => r.Expected).Select(r => r.Id));
        sql.Should().BeEquivalentTo(linq);
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
                                db.Blocks.Add(
                                    new Block
                                    {
                                        BlockerId = id,
                                        BlockedId = sender,
                                        Since = DateTimeOffset.UtcNow,
                                    }
                                );
                            }

                            if (follows)
                            {
                                db.Follows.Add(
                                    new Follow
                                    {
                                        FollowerId = id,
                                        FollowedId = sender,
                                        Since = DateTimeOffset.UtcNow,
                                    }
                                );
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

        var linq = (await Consent.RefusalsAsync(db, sender, ids, CancellationToken.None))
            .Select(r => r.ParticipantId)
            .ToList();
        // csharpier-ignore
        var sql = await IdsWhereAsync(
            db,
            $"""SELECT p."Id" FROM "Participants" p WHERE p."Id" = ANY(@ids) AND {SqlRules.Refuses("p", "@sender")}""",
            ids,
            new NpgsqlParameter("sender", sender)
        );

        linq.Should().BeEquivalentTo(expected.Where(e => e.Value).Select(e => e.Key));
        sql.Should().BeEquivalentTo(linq);
    }

    [Fact]
    public async Task A_block_holds_between_the_people_behind_groups_on_either_side_the_same_in_LINQ_and_in_SQL()
    {
        await using var db = await fixture.DbAsync();
        var (alice, mallory, bob, carol) = (
            await AddParticipantAsync(db, false, false),
            await AddParticipantAsync(db, false, false),
            await AddParticipantAsync(db, false, false),
            await AddParticipantAsync(db, false, false)
        );
        var byMallory = await AddGroupAsync(db, (mallory, GroupRole.Creator)); // mallory writes in its name, or carol does
        var withMallory = await AddGroupAsync(db, (carol, GroupRole.Creator), (mallory, GroupRole.Member)); // mallory does not manage it
        var adminMallory = await AddGroupAsync(db, (carol, GroupRole.Creator), (mallory, GroupRole.Admin));
        var alices = await AddGroupAsync(db, (alice, GroupRole.Admin), (bob, GroupRole.Creator)); // alice manages it
        var aliceIsMember = await AddGroupAsync(db, (bob, GroupRole.Creator), (alice, GroupRole.Member));
        var blockedGroup = await AddGroupAsync(db, (carol, GroupRole.Creator)); // alice blocked the group itself
        db.Blocks.AddRange(
            new Block
            {
                BlockerId = alice,
                BlockedId = mallory,
                Since = DateTimeOffset.UtcNow,
            },
            new Block
            {
                BlockerId = alice,
                BlockedId = blockedGroup,
                Since = DateTimeOffset.UtcNow,
            }
        );
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
            var linq = (await Consent.RefusalsAsync(db, sender, others, CancellationToken.None))
                .Select(r => r.ParticipantId)
                .ToList();
            // csharpier-ignore
            var sql = await IdsWhereAsync(
                db,
                $"""SELECT p."Id" FROM "Participants" p WHERE p."Id" = ANY(@ids) AND {SqlRules.Refuses("p", "@sender")}""",
                others,
                new NpgsqlParameter("sender", sender)
            );

            linq.Should().BeEquivalentTo(refusing, $"sender {Array.IndexOf([.. expected.Keys], sender)} in LINQ");
            sql.Should().BeEquivalentTo(linq, $"sender {Array.IndexOf([.. expected.Keys], sender)} in SQL");
        }
    }

    [Fact]
    public async Task May_reply_is_the_same_in_the_reply_statement_s_SQL_and_in_the_rule_s_CSharp_over_every_combination_of_writer_and_others()
    {
        var bools = new[] { false, true };
        var met = new HashSet<string?>();
        // One other: deleted, blocked on the platform, refusing the writer (a block), and where each stands with requests.
        foreach (var mine in Enum.GetValues<MessageRequest>())
        {
            foreach (var theirs in Enum.GetValues<MessageRequest>())
            {
                foreach (
                    var (deleted, blocked, refuses) in from d in bools
                    from b in bools
                    from r in bools
                    select (d, b, r)
                )
                {
                    met.Add(await ReplyAgreesAsync(mine, (deleted, blocked, refuses, theirs)));
                }
            }
        }

        // Two others, each with their own request state, one of them possibly deleted.
        foreach (var first in Enum.GetValues<MessageRequest>())
        {
            foreach (var second in Enum.GetValues<MessageRequest>())
            {
                foreach (var firstDeleted in bools)
                {
                    met.Add(
                        await ReplyAgreesAsync(
                            MessageRequest.None,
                            (firstDeleted, false, false, first),
                            (false, false, false, second)
                        )
                    );
                }
            }
        }

        met.Should()
            .Contain(
                [
                    null,
                    ProblemCodes.ReadOnly,
                    ProblemCodes.PlatformBlocked,
                    ProblemCodes.NotAccepting,
                    ProblemCodes.NotAcceptingMany,
                    ProblemCodes.RequestToAnswer,
                    ProblemCodes.RequestWaiting,
                ],
                "every answer of the rule was met"
            );
    }

    /// <summary>
    /// A conversation of a fresh writer and these others, as the database holds it; the real reply use case (its
    /// statement decides in SQL, the check explains in C#) must answer what <see cref="Consent.WhyCannotReply"/> says
    /// from the same facts. Returns the answer's code (null: the reply was written).
    /// </summary>
    private async Task<string?> ReplyAgreesAsync(
        MessageRequest mine,
        params (bool Deleted, bool Blocked, bool Refuses, MessageRequest Request)[] others
    )
    {
        await using var db = await fixture.DbAsync();
        var writer = await AddParticipantAsync(db, isGroup: false, deleted: false);
        var members = new List<(Guid Id, MessageRequest Request)> { (writer, mine) };
        var expectedOthers = new List<OtherParticipant>();
        foreach (var other in others)
        {
            var id = await AddParticipantAsync(db, isGroup: false, other.Deleted, blocked: other.Blocked);
            if (other.Refuses)
            {
                db.Blocks.Add(
                    new Block
                    {
                        BlockerId = id,
                        BlockedId = writer,
                        Since = DateTimeOffset.UtcNow,
                    }
                );
            }

            members.Add((id, other.Request));
            var name = await db.Participants.Where(p => p.Id == id).Select(p => p.DisplayName).SingleAsync();
            // The facts, by the C# spellings: a deleted participant refuses nobody and is not "blocked", only deleted.
            expectedOthers.Add(
                new OtherParticipant(
                    name,
                    other.Deleted,
                    other.Refuses && !other.Deleted,
                    other.Blocked && !other.Deleted,
                    other.Request
                )
            );
        }

        var conversation = Guid.CreateVersion7();
        db.Conversations.Add(
            new Conversation
            {
                Id = conversation,
                ParticipantKey = Conversation.KeyOf(members.Select(m => m.Id)),
                StartedAt = DateTimeOffset.UtcNow,
                LastActivityAt = DateTimeOffset.UtcNow,
            }
        );
        db.ConversationMembers.AddRange(
            members.Select(m => new ConversationMember
            {
                ConversationId = conversation,
                ParticipantId = m.Id,
                Request = m.Request,
            })
        );
        await db.SaveChangesAsync();

        var expected = Consent.WhyCannotReply(expectedOthers, mine);
        var reply = await fixture
            .Get<Reply>()
            .HandleAsync(new ReplyCommand(Actor.Person(writer), new ConversationId(conversation), "hello"));
        var facts = $"the writer {mine}, others {string.Join("; ", others.Select(o => o.ToString()))}";
        if (expected is null)
        {
            reply
                .Succeeded.Should()
                .BeTrue(
                    $"{facts}: the rule lets the writer reply, so must the statement ({reply.Problem?.InEnglish()})"
                );
            return null;
        }

        reply
            .Problem.Should()
            .Be(expected, $"{facts}: the statement refuses and the check explains exactly as the rule says");
        return expected.Code;
    }
}
