using Bunit;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Conversations.Web.Components.Messaging;
using Conversations.Web.Components.Pages.Messaging;

namespace Conversations.Tests.Components;

public class ConversationComponentTests(DomainFixture database) : IClassFixture<DomainFixture>, IAsyncLifetime
{
    private readonly ComponentTestContext context = new(database);

    [Fact]
    public async Task The_inbox_shows_each_conversation_with_the_others_the_last_message_and_its_unread_count()
    {
        var (me, ann, ben) = (
            await database.NewParticipantAsync(name: "Me Myself"),
            await database.NewParticipantAsync(name: "Ann Alpha"),
            await database.NewParticipantAsync(name: "Ben Beta")
        );
        var withAnn = await database.StartAsync(ann, "first from Ann", me);
        await database.ReplyAsync(ann, withAnn.Value!.ConversationId, "second from Ann");
        await database.StartAsync(me, "hello Ben", ben);
        context.SignIn(me.Id, me.DisplayName);

        var inbox = context.Render<ConversationsInbox>();

        inbox.WaitForAssertion(() => inbox.FindAll(".inbox-row").Should().HaveCount(2));
        var rows = inbox.FindAll(".inbox-row");
        rows[0].QuerySelector(".inbox-names")!.TextContent.Should().Be("Ben Beta");
        rows[0].QuerySelector(".inbox-preview")!.TextContent.Should().Be("You: hello Ben");
        rows[0].QuerySelector(".inbox-unread").Should().BeNull();
        rows[1].QuerySelector(".inbox-names")!.TextContent.Should().Be("Ann Alpha");
        rows[1].QuerySelector(".inbox-preview")!.TextContent.Should().Be("second from Ann");
        rows[1].QuerySelector(".inbox-unread")!.TextContent.Should().Be("2");
        rows[1].QuerySelector("a")!.GetAttribute("href").Should().Be($"conversations/{withAnn.Value.ConversationId}");
        inbox.Markup.Should().NotContain("Me Myself");
    }

    [Fact]
    public void Consecutive_messages_of_one_sender_are_grouped_and_your_own_sit_on_the_right()
    {
        var now = DateTimeOffset.UtcNow;
        var me = new Profile(Guid.NewGuid(), "Me Myself", "me_myself", "", 0, now);
        var them = new Profile(Guid.NewGuid(), "Them There", "them_there", "", 0, now);
        var messages = new List<MessageView>
        {
            new(1, 1, them.Id, "one", now.AddMinutes(-5)),
            new(2, 2, them.Id, "two\nlines", now.AddMinutes(-4)),
            new(3, 3, me.Id, "three <img src=x onerror=alert(1)>", now.AddMinutes(-3)),
            new(4, 4, them.Id, "four http://example.org/x javascript:alert(1)", now.AddMinutes(-2)),
        };

        var thread = context.Render<MessageThread>(p =>
            p.Add(t => t.Messages, messages).Add(t => t.Participants, [me, them]).Add(t => t.ReaderId, me.Id)
        );

        var groups = thread.FindAll(".message-group");
        groups.Select(g => g.ClassList.Contains("mine")).Should().Equal(false, true, false);
        groups[0].QuerySelectorAll(".message-bubble").Select(b => b.TextContent).Should().Equal("one", "two\nlines");
        groups[0].QuerySelector(".message-sender")!.TextContent.Should().Be("Them There");
        groups[1].QuerySelector(".message-sender")!.TextContent.Should().Be("You");
        groups[1].QuerySelector(".message-bubble")!.TextContent.Should().Be("three <img src=x onerror=alert(1)>");
        groups[1].QuerySelectorAll("img").Should().BeEmpty();
        var links = groups[2].QuerySelectorAll(".message-bubble a");
        links.Select(a => a.GetAttribute("href")).Should().Equal("http://example.org/x");
        links[0].GetAttribute("rel").Should().Be("nofollow noopener noreferrer ugc");
        groups[2]
            .QuerySelector("time")!
            .GetAttribute("title")
            .Should()
            .EndWith("(UTC)", "a viewer with no zone reads times in UTC");
    }

    [Fact]
    public async Task The_reply_box_counts_down_and_keeps_refused_text_with_the_reason()
    {
        string? sentText = null;
        var box = context.Render<ReplyBox>(p =>
            p.Add(
                r => r.Send,
                (text, _) =>
                {
                    sentText = text;
                    return Task.FromResult<Problem?>(
                        text.Contains("bad") ? new Invalid("Body", ProblemCodes.MessageEmpty) : null
                    );
                }
            )
        );

        box.Find("textarea").Input("hello\r\n");
        box.Find(".reply-counter").TextContent.Should().Be("994 characters left");
        box.Find("textarea").Input(new string('x', 1002));
        box.Find(".reply-counter").TextContent.Should().Be("2 characters too many");

        box.Find("textarea").Input("a bad message");
        await box.Find("button.send-button").ClickAsync(new());
        box.Find("[role=alert]").TextContent.Should().Be("Write a message first.");
        box.Find("textarea").GetAttribute("value").Should().Be("a bad message");

        box.Find("textarea").Input("a fine message");
        await box.Find("button.send-button").ClickAsync(new());
        sentText.Should().Be("a fine message");
        box.FindAll("[role=alert]").Should().BeEmpty();
        box.Find("textarea").GetAttribute("value").Should().BeEmpty();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();
}
