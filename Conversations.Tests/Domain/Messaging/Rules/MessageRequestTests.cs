using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Conversations.Tests.Domain.Moderation;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain.Safety;

public class MessageRequestTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    private Task<Participant> ShyAsync(string name) =>
        fixture.NewParticipantAsync(name: name, whoMayWrite: WhoMayWrite.StrangersAsRequests);

    private Task<Result<bool>> AnswerAsync(Actor who, Guid conversation, RequestAnswer answer) =>
        fixture.Get<AnswerRequest>().HandleAsync(who, new ConversationId(conversation), answer);

    private async Task<IReadOnlyList<InboxRow>> InboxAsync(Actor who, bool requests = false) =>
        (await fixture.Get<GetInbox>().HandleAsync(who, requests: requests)).Value!.Rows;

    [Fact]
    public async Task A_new_account_takes_strangers_as_requests_and_may_choose_anyone_or_only_whom_it_follows()
    {
        var registered = (await fixture.RegisterAsync("n" + Guid.NewGuid().ToString("N")[..12])).Value!;
        var preference = fixture.Get<SetMessagePreference>();

        (await preference.CurrentAsync(registered.Id)).Should().Be(WhoMayWrite.StrangersAsRequests);
        (await preference.HandleAsync(registered.Id, WhoMayWrite.OnlyPeopleIFollow))
            .Value.Should()
            .Be(WhoMayWrite.OnlyPeopleIFollow);
        (await preference.CurrentAsync(registered.Id)).Should().Be(WhoMayWrite.OnlyPeopleIFollow);
        (await preference.HandleAsync(registered.Id, WhoMayWrite.Anyone)).Value.Should().Be(WhoMayWrite.Anyone);
        (await preference.CurrentAsync(registered.Id)).Should().Be(WhoMayWrite.Anyone);
        (await preference.HandleAsync(registered.Id, (WhoMayWrite)7)).Problem.Should().BeOfType<Invalid>();
    }

    [Fact]
    public async Task A_strangers_first_message_waits_apart_off_the_badge_and_its_writer_adds_nothing_until_it_is_accepted()
    {
        var judy = await ShyAsync("Judy Alvarez");
        var oscar = await fixture.NewParticipantAsync(name: "Oscar Lindqvist");

        var sent = await fixture.StartAsync(oscar, "Hello Judy, would you look at our clubhouse sketch?", judy);
        var id = sent.Value!.ConversationId;

        var counts = await fixture.CountsAsync(judy);
        counts.Total.Should().Be(0, "a request is not on the badge");
        counts.Requests.Should().Be(1);
        (await InboxAsync(Actor.Person(judy.Id))).Should().BeEmpty("a request is listed apart");
        (await InboxAsync(Actor.Person(judy.Id), requests: true))
            .Should()
            .ContainSingle()
            .Which.LastMessage.Should()
            .StartWith("Hello Judy");
        (await InboxAsync(Actor.Person(oscar.Id)))
            .Should()
            .ContainSingle()
            .Which.Waiting.Should()
            .BeTrue("its writer sees that it waits");

        (await fixture.ReplyAsync(oscar, id, "Are you there?"))
            .Problem!.InEnglish()
            .Should()
            .Be("Your message waits for Judy Alvarez to accept it; you can write more once they do.");
        (await fixture.StartAsync(oscar, "Hello again", judy))
            .Problem!.InEnglish()
            .Should()
            .Be(
                "Your message waits for Judy Alvarez to accept it; you can write more once they do.",
                "starting again lands in the same conversation"
            );
        (await fixture.ReplyAsync(judy, id, "Hi!"))
            .Problem!.InEnglish()
            .Should()
            .Be("This is a message request: accept it to answer.");
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(judy.Id), new ConversationId(id)))
            .Value!.Request.Should()
            .Be(MessageRequest.Waiting);

        (await AnswerAsync(Actor.Person(judy.Id), id, RequestAnswer.Accept)).Value.Should().BeTrue();

        (await fixture.CountsAsync(judy))
            .Should()
            .Match<UnreadCounts>(c => c.Total == 0 && c.Requests == 0, "accepting reads what she saw");
        (await InboxAsync(Actor.Person(judy.Id))).Should().ContainSingle();
        (await InboxAsync(Actor.Person(oscar.Id))).Single().Waiting.Should().BeFalse();
        (await fixture.ReplyAsync(oscar, id, "Thank you!")).Succeeded.Should().BeTrue();
        (await fixture.UnreadAsync(judy)).Should().Be(1, "now an ordinary conversation, with the usual badge");
        (await fixture.ReplyAsync(judy, id, "With pleasure.")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_declined_request_tells_its_writer_only_what_any_refusal_says_and_is_heard_of_no_more()
    {
        var judy = await ShyAsync("Judy Declines");
        var oscar = await fixture.NewParticipantAsync();
        var id = (await fixture.StartAsync(oscar, "Buy my bikes!", judy)).Value!.ConversationId;

        (await AnswerAsync(Actor.Person(judy.Id), id, RequestAnswer.Decline)).Value.Should().BeTrue();

        (await fixture.ReplyAsync(oscar, id, "Please?"))
            .Problem!.InEnglish()
            .Should()
            .Be("Judy Declines does not accept messages from you.");
        (await InboxAsync(Actor.Person(oscar.Id)))
            .Single()
            .Waiting.Should()
            .BeFalse("a decline does not show as waiting");
        (await fixture.CountsAsync(judy)).Requests.Should().Be(0);
        (await InboxAsync(Actor.Person(judy.Id))).Should().BeEmpty();
        (await InboxAsync(Actor.Person(judy.Id), requests: true)).Should().BeEmpty();
        (await AnswerAsync(Actor.Person(judy.Id), id, RequestAnswer.Decline)).Value.Should().BeFalse("declined once");

        var again = await fixture.StartAsync(
            oscar,
            "A new conversation with a friend",
            judy,
            await fixture.NewParticipantAsync()
        );
        (
            await fixture
                .Get<GetConversation>()
                .HandleAsync(Actor.Person(judy.Id), new ConversationId(again.Value!.ConversationId))
        )
            .Value!.Request.Should()
            .Be(MessageRequest.Waiting, "a declined request is no history: oscar is still a stranger to her");
    }

    [Fact]
    public async Task Whom_she_follows_whom_she_talked_with_and_administrators_write_straight_in()
    {
        var judy = await ShyAsync("Judy Knows");
        var (friend, acquaintance, stranger) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var administrator = await fixture.NewAdministratorAsync();
        await fixture.Get<FollowParticipant>().HandleAsync(new PersonId(judy.Id), new ParticipantId(friend.Id));
        var earlier = (await fixture.StartAsync(judy, "Hi, we met at the market", acquaintance)).Value!.ConversationId;

        async Task<MessageRequest> StateAsync(Participant from, params Participant[] to) =>
            (
                await fixture
                    .Get<GetConversation>()
                    .HandleAsync(
                        Actor.Person(judy.Id),
                        new ConversationId((await fixture.StartAsync(from, "hello", to)).Value!.ConversationId)
                    )
            )
                .Value!
                .Request;

        (await StateAsync(friend, judy)).Should().Be(MessageRequest.None, "she follows them");
        (await StateAsync(acquaintance, judy, await fixture.NewParticipantAsync()))
            .Should()
            .Be(MessageRequest.None, "they were in a conversation both took in");
        (await StateAsync(administrator, judy))
            .Should()
            .Be(MessageRequest.None, "an administrator's message is never a request");
        (await StateAsync(stranger, judy)).Should().Be(MessageRequest.Waiting);
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(acquaintance.Id), new ConversationId(earlier)))
            .Value!.Request.Should()
            .Be(MessageRequest.None);
    }

    [Fact]
    public async Task Each_recipient_of_a_request_to_several_decides_for_themselves()
    {
        var (judy, kim) = (await ShyAsync("Judy Many"), await ShyAsync("Kim Many"));
        var (oscar, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(oscar, "Shall we plant trees on Elm Road?", judy, kim, bob))
            .Value!
            .ConversationId;

        (await fixture.UnreadAsync(bob)).Should().Be(1, "bob takes anyone: an ordinary conversation for him");
        (await fixture.ReplyAsync(oscar, id, "Bob is in, so we may talk")).Succeeded.Should().BeTrue();
        (await fixture.ReplyAsync(bob, id, "Yes!")).Succeeded.Should().BeTrue();
        (await fixture.CountsAsync(judy)).Should().Match<UnreadCounts>(c => c.Total == 0 && c.Requests == 1);

        await AnswerAsync(Actor.Person(judy.Id), id, RequestAnswer.Accept);
        await AnswerAsync(Actor.Person(kim.Id), id, RequestAnswer.Decline);
        await fixture.ReplyAsync(oscar, id, "Welcome Judy");

        (await fixture.UnreadAsync(judy)).Should().Be(1);
        (await fixture.CountsAsync(kim))
            .Should()
            .Match<UnreadCounts>(c => c.Total == 0 && c.Requests == 0, "kim hears nothing more");
        (await fixture.ReplyAsync(kim, id, "…"))
            .Problem!.InEnglish()
            .Should()
            .Be("This is a message request: accept it to answer.");
    }

    [Fact]
    public async Task A_request_to_a_group_goes_to_its_managers_and_one_of_them_answers_for_it()
    {
        var (manager, member, stranger) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var group = await fixture.NewGroupAsync(manager, members: [member]);
        (await fixture.Get<SetMessagePreference>().HandleAsync(manager.For(group), WhoMayWrite.StrangersAsRequests))
            .Succeeded.Should()
            .BeTrue();
        (
            await fixture
                .Get<SetMessagePreference>()
                .HandleAsync(Actor.ManagerOf(new GroupId(group.Id), new PersonId(member.Id)), WhoMayWrite.Anyone)
        )
            .Problem.Should()
            .BeOfType<NotFound>();

        var id = (await fixture.WriteAsync(Actor.Person(stranger.Id), "Hello association", group.Id))
            .Value!
            .ConversationId;

        var counts = await fixture.CountsAsync(manager);
        (counts.ForGroup(group.Id), counts.RequestsFor(group.Id)).Should().Be((0, 1));
        (await InboxAsync(manager.For(group), requests: true)).Should().ContainSingle();
        (await AnswerAsync(Actor.ManagerOf(new GroupId(group.Id), new PersonId(member.Id)), id, RequestAnswer.Accept))
            .Problem.Should()
            .BeOfType<NotFound>("a plain member does not answer for the group");
        (await AnswerAsync(manager.For(group), id, RequestAnswer.Accept)).Value.Should().BeTrue();

        (await InboxAsync(manager.For(group))).Should().ContainSingle();
        (await fixture.ReplyAsAsync(manager.For(group), id, "Hello, how can we help?")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Blocking_from_a_request_declines_it_and_blocks_its_writer()
    {
        var judy = await ShyAsync("Judy Blocks");
        var troll = await fixture.NewParticipantAsync();
        var id = (await fixture.StartAsync(troll, "You again", judy)).Value!.ConversationId;

        (await AnswerAsync(Actor.Person(judy.Id), id, RequestAnswer.Block)).Value.Should().BeTrue();

        (await fixture.Get<GetRelationship>().HandleAsync(new ParticipantId(troll.Id), new PersonId(judy.Id)))
            .ViewerBlocked.Should()
            .BeTrue();
        (await fixture.ReplyAsync(troll, id, "Hello?")).Problem.Should().BeOfType<NotAllowed>();
        (await fixture.StartAsync(troll, "New try", judy, await fixture.NewParticipantAsync()))
            .Problem!.InEnglish()
            .Should()
            .Be("Judy Blocks does not accept messages from you.");
        await using var db = await fixture.DbAsync();
        (await db.ConversationMembers.SingleAsync(m => m.ConversationId == id && m.ParticipantId == judy.Id))
            .Request.Should()
            .Be(MessageRequest.Declined);
    }

    [Fact]
    public async Task Nobody_answers_a_request_in_a_conversation_they_are_not_in()
    {
        var judy = await ShyAsync("Judy Alone");
        var (oscar, nosy) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(oscar, "Private words", judy)).Value!.ConversationId;

        (await AnswerAsync(Actor.Person(nosy.Id), id, RequestAnswer.Accept)).Problem.Should().BeOfType<NotFound>();
        (await AnswerAsync(Actor.Person(nosy.Id), id, RequestAnswer.Block)).Problem.Should().BeOfType<NotFound>();
        (await AnswerAsync(Actor.Person(oscar.Id), id, RequestAnswer.Decline))
            .Value.Should()
            .BeFalse("its writer has nothing to answer");
        (await fixture.CountsAsync(judy)).Requests.Should().Be(1);
    }
}
