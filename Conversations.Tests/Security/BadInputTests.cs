using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Security;

/// <summary>Bad input is refused with a message that says what to fix, and nothing of it is stored.</summary>
public class BadInputTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    // By name: test runners rewrite lone surrogates in theory arguments, so the bodies are looked up here.
    private static readonly Dictionary<string, (string Body, string Message)> Bodies = new()
    {
        ["empty"] = ("", "Write a message first."),
        ["whitespace only"] = ("   \n\t  \r\n ", "Write a message first."),
        ["1,001 characters"] = (
            new string('x', 1001),
            "A message has at most 1,000 characters; this one has 1,001. Shorten it by 1."
        ),
        ["5,000 characters"] = (
            new string('é', 5000),
            "A message has at most 1,000 characters; this one has 5,000. Shorten it by 4,000."
        ),
        ["lone high surrogate"] = (
            "broken emoji \uD83D here",
            "The message contains a character that cannot be stored (a broken emoji or a NUL character): remove it."
        ),
        ["lone low surrogate"] = (
            "lone low \uDE00 surrogate",
            "The message contains a character that cannot be stored (a broken emoji or a NUL character): remove it."
        ),
        ["NUL character"] = (
            "nul \0 character",
            "The message contains a character that cannot be stored (a broken emoji or a NUL character): remove it."
        ),
    };

    public static TheoryData<string> BadBodies() => new(Bodies.Keys);

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_message_is_refused_with_what_to_fix_in_a_start_and_in_a_reply_and_nothing_is_stored(
        string kind
    )
    {
        var (body, message) = Bodies[kind];
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(alice, "a good first message", bob)).Value!.ConversationId;

        var start = await fixture.StartAsync(bob, body, alice);
        var reply = await fixture.ReplyAsync(bob, id, body);

        start.Problem.Should().BeOfType<Invalid>().Which.InEnglish().Should().Be(message);
        reply.Problem.Should().BeOfType<Invalid>().Which.InEnglish().Should().Be(message);
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(alice.Id), new ConversationId(id)))
            .Value!.Messages.Should()
            .ContainSingle();
        (await fixture.Get<GetInbox>().HandleAsync(Actor.Person(bob.Id))).Value!.Rows.Should().ContainSingle();
    }

    [Fact]
    public async Task A_broken_emoji_is_fine_when_whole()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());

        var sent = await fixture.StartAsync(alice, "whole emoji \uD83D\uDE00 and RTL \u202E text", bob);

        (
            await fixture
                .Get<GetConversation>()
                .HandleAsync(Actor.Person(bob.Id), new ConversationId(sent.Value!.ConversationId))
        )
            .Value!.Messages.Single()
            .Body.Should()
            .Be("whole emoji 😀 and RTL \u202E text");
    }

    [Fact]
    public async Task Ten_recipients_unknown_ids_duplicates_and_oneself_are_refused_and_nothing_is_stored()
    {
        var me = await fixture.NewParticipantAsync();
        var people = await fixture.PeopleAsync(10);
        var ids = people.Select(p => p.Id).ToList();

        var cases = new (IReadOnlyList<Guid> To, string Message)[]
        {
            (ids, "A conversation has at most 9 recipients besides you: remove 1."),
            ([], "Pick at least one recipient."),
            ([ids[0], Guid.NewGuid()], "One of the recipients does not exist (any more): remove them and try again."),
            ([Guid.Empty], "One of the recipients does not exist (any more): remove them and try again."),
            ([ids[0], ids[0]], "The same recipient is picked twice: remove one."),
            ([me.Id], "You cannot write to yourself: pick someone else."),
            ([ids[1], me.Id], "You cannot write to yourself: pick someone else."),
        };
        foreach (var (to, message) in cases)
        {
            var result = await fixture
                .Get<StartConversation>()
                .HandleAsync(new StartConversationCommand(Actor.Person(me.Id), to, "hello"));
            result.Problem.Should().BeOfType<Invalid>().Which.InEnglish().Should().Be(message);
        }

        await using var db = await fixture.DbAsync();
        (await db.ConversationMembers.CountAsync(m => m.ParticipantId == me.Id)).Should().Be(0);
        (await db.Messages.CountAsync(m => m.SenderId == me.Id)).Should().Be(0);
    }

    [Fact]
    public async Task Over_long_and_unstorable_names_and_descriptions_are_refused_field_by_field()
    {
        var me = await fixture.NewParticipantAsync(name: "Kept Name");

        var profile = await fixture
            .Get<UpdateProfile>()
            .HandleAsync(me.Id, new ProfileChanges("bad \0 name", new string('a', 501)));
        var group = await fixture
            .Get<CreateGroup>()
            .HandleAsync(
                new CreateGroupCommand(
                    me.Id,
                    new string('n', 51),
                    "ok_nick_" + Guid.NewGuid().ToString("N")[..6],
                    "broken \uD800"
                )
            );
        var registration = await fixture.RegisterAsync(
            "fine_nick_" + Guid.NewGuid().ToString("N")[..6],
            email: "nul\0@example.org"
        );

        profile
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Select(e => e.Field)
            .Should()
            .BeEquivalentTo(["DisplayName", "About"]);
        group
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Select(e => e.Field)
            .Should()
            .BeEquivalentTo(["Name", "Description"]);
        registration.Problem.Should().BeOfType<Invalid>().Which.Errors.Select(e => e.Field).Should().Contain("Email");
        (await fixture.Get<FindProfile>().ByIdAsync(me.Id))!.DisplayName.Should().Be("Kept Name");
        (await fixture.Get<ListGroupsOf>().HandleAsync(me.Id)).Should().BeEmpty();
    }
}
