using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain;

public class StartingConversationsTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Starting_a_conversation_delivers_the_first_message_to_every_recipient()
    {
        var (alice, bob, carol) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );

        var sent = await fixture.StartAsync(alice, "Hello both", bob, carol);

        sent.Value!.StartedNewConversation.Should().BeTrue();
        sent.Value.Seq.Should().Be(1);
        (await fixture.UnreadAsync(bob)).Should().Be(1);
        (await fixture.UnreadAsync(carol)).Should().Be(1);
        (await fixture.UnreadAsync(alice)).Should().Be(0);
    }

    [Fact]
    public async Task Starting_with_a_set_that_already_has_a_conversation_adds_the_message_to_it()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var first = await fixture.StartAsync(alice, "First", bob);

        var second = await fixture.StartAsync(bob, "Second, from the other side", alice);

        second.Value!.ConversationId.Should().Be(first.Value!.ConversationId);
        second.Value.StartedNewConversation.Should().BeFalse();
        second.Value.Seq.Should().Be(2);
        (await fixture.Get<FindConversation>().HandleAsync(Actor.Person(alice.Id), [bob.Id]))
            .Should()
            .Be(first.Value.ConversationId);
    }

    [Fact]
    public async Task A_different_set_of_people_gets_a_conversation_of_its_own()
    {
        var (alice, bob, carol) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var pair = await fixture.StartAsync(alice, "Just us", bob);

        var trio = await fixture.StartAsync(alice, "All three", bob, carol);

        trio.Value!.ConversationId.Should().NotBe(pair.Value!.ConversationId);
        (await fixture.Get<FindConversation>().HandleAsync(Actor.Person(carol.Id), [alice.Id])).Should().BeNull();
    }

    [Fact]
    public async Task Two_concurrent_starts_for_the_same_people_end_in_one_conversation_with_both_messages()
    {
        for (var round = 0; round < 5; round++)
        {
            var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());

            var results = await Task.WhenAll(
                fixture.StartAsync(alice, "From Alice", bob),
                fixture.StartAsync(bob, "From Bob", alice)
            );

            results.Should().AllSatisfy(r => r.Succeeded.Should().BeTrue());
            results.Select(r => r.Value!.ConversationId).Distinct().Should().ContainSingle();
            results.Select(r => r.Value!.Seq).Should().BeEquivalentTo([1L, 2L]);
            var view = await fixture
                .Get<GetConversation>()
                .HandleAsync(Actor.Person(alice.Id), new ConversationId(results[0].Value!.ConversationId));
            view.Value!.Messages.Select(m => m.Body).Should().BeEquivalentTo(["From Alice", "From Bob"]);
        }
    }

    [Fact]
    public async Task Nine_recipients_are_accepted_and_ten_are_refused()
    {
        var people = await fixture.PeopleAsync(11);
        var sender = people[0];

        var nine = await fixture.StartAsync(sender, "Hi nine", people[1..10]);
        var ten = await fixture.StartAsync(sender, "Hi ten", people[1..11]);

        nine.Succeeded.Should().BeTrue();
        ten.Problem.Should().BeOfType<Invalid>().Which.InEnglish().Should().Contain("at most 9 recipients");
        (await fixture.UnreadAsync(people[10])).Should().Be(0);
    }

    [Fact]
    public async Task Writing_to_yourself_is_refused()
    {
        var alice = await fixture.NewParticipantAsync();

        var result = await fixture.StartAsync(alice, "Note to self", alice);

        result.Problem.Should().BeOfType<Invalid>().Which.InEnglish().Should().Contain("cannot write to yourself");
    }

    [Fact]
    public async Task The_same_recipient_twice_is_refused()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());

        var result = await fixture.StartAsync(alice, "Hello", bob, bob);

        result.Problem.Should().BeOfType<Invalid>().Which.InEnglish().Should().Contain("picked twice");
    }

    [Fact]
    public async Task No_recipient_at_all_is_refused()
    {
        var alice = await fixture.NewParticipantAsync();

        var result = await fixture.StartAsync(alice, "Hello?");

        result.Problem.Should().BeOfType<Invalid>().Which.InEnglish().Should().Be("Pick at least one recipient.");
    }

    [Fact]
    public async Task An_unknown_recipient_is_refused_and_nothing_is_written()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        await using var before = await fixture.DbAsync();
        var conversationsBefore = await before.Conversations.CountAsync();

        var result = await fixture
            .Get<StartConversation>()
            .HandleAsync(new StartConversationCommand(Actor.Person(alice.Id), [bob.Id, Guid.NewGuid()], "Hello"));

        result.Problem.Should().BeOfType<Invalid>().Which.InEnglish().Should().Contain("does not exist");
        await using var after = await fixture.DbAsync();
        (await after.Conversations.CountAsync()).Should().Be(conversationsBefore);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\n\t")]
    public async Task A_blank_message_is_refused(string body)
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());

        var result = await fixture.StartAsync(alice, body, bob);

        result.Problem.Should().BeOfType<Invalid>().Which.InEnglish().Should().Be("Write a message first.");
        (await fixture.Get<FindConversation>().HandleAsync(Actor.Person(alice.Id), [bob.Id])).Should().BeNull();
    }

    [Fact]
    public async Task A_message_of_1000_characters_is_accepted_and_one_of_1001_is_refused()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());

        var exact = await fixture.StartAsync(alice, new string('a', 1000), bob);
        var over = await fixture.StartAsync(alice, new string('a', 1001), bob);

        exact.Succeeded.Should().BeTrue();
        over.Problem.Should()
            .BeOfType<Invalid>()
            .Which.InEnglish()
            .Should()
            .Be("A message has at most 1,000 characters; this one has 1,001. Shorten it by 1.");
        (await fixture.UnreadAsync(bob)).Should().Be(1);
    }

    [Fact]
    public async Task Carriage_returns_do_not_count_towards_the_limit()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var body = string.Concat(Enumerable.Repeat("abcd\r\n", 200)); // 1,200 typed, 1,000 without \r

        var result = await fixture.StartAsync(alice, body, bob);

        result.Succeeded.Should().BeTrue();
        var view = await fixture
            .Get<GetConversation>()
            .HandleAsync(Actor.Person(bob.Id), new ConversationId(result.Value!.ConversationId));
        view.Value!.Messages.Single().Body.Should().Be(body.Replace("\r", ""));
    }

    [Fact]
    public async Task Replying_in_a_conversation_of_ten_adds_one_message_row_and_no_row_per_recipient()
    {
        var people = await fixture.PeopleAsync(10);
        var crowd = await fixture.StartAsync(people[0], "start", people[1..10]);
        var before = await RowCountsAsync();

        await fixture.ReplyAsync(people[3], crowd.Value!.ConversationId, "again");

        var after = await RowCountsAsync();
        (after.Messages - before.Messages, after.Members - before.Members, after.Conversations - before.Conversations)
            .Should()
            .Be((1, 0, 0));
        (await fixture.UnreadAsync(people[9])).Should().Be(2);
    }

    private async Task<(int Messages, int Members, int Conversations)> RowCountsAsync()
    {
        await using var db = await fixture.DbAsync();
        return (
            await db.Messages.CountAsync(),
            await db.ConversationMembers.CountAsync(),
            await db.Conversations.CountAsync()
        );
    }
}
