using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class ReadingAndReplyingTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Unread_counts_follow_replies_and_reads()
    {
        var (alice, bob, carol) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var id = (await fixture.StartAsync(alice, "one", bob, carol)).Value!.ConversationId;
        await fixture.ReplyAsync(alice, id, "two");
        await fixture.ReplyAsync(bob, id, "three");

        (await fixture.UnreadAsync(alice)).Should().Be(1);
        (await fixture.UnreadAsync(bob)).Should().Be(0, "replying reads what came before");
        (await fixture.UnreadAsync(carol)).Should().Be(3);

        (await fixture.Get<MarkRead>().HandleAsync(Actor.Person(carol.Id), new ConversationId(id)))
            .Value.Should()
            .BeTrue();
        (await fixture.UnreadAsync(carol)).Should().Be(0);
        (await fixture.Get<MarkRead>().HandleAsync(Actor.Person(carol.Id), new ConversationId(id)))
            .Value.Should()
            .BeFalse("nothing was left unread");
        (await fixture.UnreadAsync(alice)).Should().Be(1, "reading is per participant");
    }

    [Fact]
    public async Task A_stranger_cannot_read_reply_mark_or_find_a_conversation_and_learns_nothing()
    {
        var (alice, bob, stranger) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var id = (await fixture.StartAsync(alice, "private", bob)).Value!.ConversationId;
        var made_up = Guid.NewGuid();

        foreach (var target in new[] { id, made_up })
        {
            var read = await fixture
                .Get<GetConversation>()
                .HandleAsync(Actor.Person(stranger.Id), new ConversationId(target));
            var reply = await fixture.ReplyAsync(stranger, target, "let me in");
            var mark = await fixture.Get<MarkRead>().HandleAsync(Actor.Person(stranger.Id), new ConversationId(target));

            read.Problem.Should()
                .BeOfType<NotFound>()
                .Which.InEnglish()
                .Should()
                .Be("This conversation does not exist.");
            reply
                .Problem.Should()
                .BeOfType<NotFound>()
                .Which.InEnglish()
                .Should()
                .Be("This conversation does not exist.");
            mark.Problem.Should()
                .BeOfType<NotFound>()
                .Which.InEnglish()
                .Should()
                .Be("This conversation does not exist.");
        }

        (await fixture.Get<GetInbox>().HandleAsync(Actor.Person(stranger.Id))).Value!.Rows.Should().BeEmpty();
        (await fixture.UnreadAsync(stranger)).Should().Be(0);
        (await fixture.Get<FindConversation>().HandleAsync(Actor.Person(stranger.Id), [alice.Id])).Should().BeNull();
        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id)))
            .Value!.Messages.Should()
            .ContainSingle();
    }

    [Fact]
    public async Task A_retry_with_the_same_client_token_sends_once()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(alice, "hello", bob)).Value!.ConversationId;
        var token = Guid.NewGuid();

        var attempts = await Task.WhenAll(
            Enumerable.Range(0, 5).Select(_ => fixture.ReplyAsync(alice, id, "only once", token))
        );
        var later = await fixture.ReplyAsync(alice, id, "only once", token);

        attempts.Append(later).Select(a => a.Value!.MessageId).Distinct().Should().ContainSingle();
        var view = await fixture.Get<GetConversation>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id));
        view.Value!.Messages.Select(m => m.Body).Should().Equal("hello", "only once");
        (await fixture.UnreadAsync(bob)).Should().Be(2);
    }

    [Fact]
    public async Task A_start_retried_with_its_client_token_sends_once()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var command = new StartConversationCommand(Actor.Person(alice.Id), [bob.Id], "first words", Guid.NewGuid());

        var results = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(_ => fixture.Get<StartConversation>().HandleAsync(command))
        );

        results.Select(r => r.Value!.MessageId).Distinct().Should().ContainSingle();
        (await fixture.UnreadAsync(bob)).Should().Be(1);
    }

    [Fact]
    public async Task A_conversation_opens_on_its_latest_50_messages_and_older_ones_load_on_demand()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var id = (await fixture.StartAsync(alice, "message 1", bob)).Value!.ConversationId;
        for (var i = 2; i <= 120; i++)
        {
            await fixture.ReplyAsync(i % 2 == 0 ? bob : alice, id, $"message {i}");
        }

        var latest = (
            await fixture.Get<GetConversation>().HandleAsync(Actor.Person(alice.Id), new ConversationId(id))
        ).Value!;
        var older = (
            await fixture
                .Get<GetConversation>()
                .HandleAsync(Actor.Person(alice.Id), new ConversationId(id), latest.Messages[0].Seq)
        ).Value!;
        var oldest = (
            await fixture
                .Get<GetConversation>()
                .HandleAsync(Actor.Person(alice.Id), new ConversationId(id), older.Messages[0].Seq)
        ).Value!;

        latest.Messages.Should().HaveCount(50);
        latest.Messages[0].Body.Should().Be("message 71");
        latest.Messages[^1].Body.Should().Be("message 120");
        latest.HasOlder.Should().BeTrue();
        older.Messages.Select(m => m.Body).Should().StartWith("message 21").And.EndWith("message 70");
        oldest.Messages.Should().HaveCount(20);
        oldest.HasOlder.Should().BeFalse();
        latest.Participants.Select(p => p.Id).Should().BeEquivalentTo([alice.Id, bob.Id]);
    }

    [Fact]
    public async Task Messages_are_stored_exactly_as_written()
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        const string hostile = "<script>alert(1)</script>\n<img src=x onerror=alert(2)> \u202Eevil\u200B";

        var id = (await fixture.StartAsync(alice, hostile, bob)).Value!.ConversationId;

        (await fixture.Get<GetConversation>().HandleAsync(Actor.Person(bob.Id), new ConversationId(id)))
            .Value!.Messages.Single()
            .Body.Should()
            .Be(hostile);
    }
}
