using Bunit;
using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;
using Conversations.Web.Components.Groups;
using Conversations.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Conversations.Tests.Components;

public class GroupComponentTests(DomainFixture database) : IClassFixture<DomainFixture>, IAsyncLifetime
{
    private readonly ComponentTestContext context = new(database);

    [Fact]
    public async Task A_manager_sees_the_conversations_tab_with_their_unread_count_and_the_member_controls()
    {
        var (creator, admin, writer) = (
            await database.NewParticipantAsync(name: "Cleo Creator"),
            await database.NewParticipantAsync(name: "Ada Admin"),
            await database.NewParticipantAsync()
        );
        var group = await database.NewGroupAsync(creator, admins: [admin]);
        await database.WriteAsync(Actor.Person(writer.Id), "hello group", group.Id);
        context.SignIn(admin.Id, admin.DisplayName);

        var page = context.Render<GroupProfile>(p => p.Add(g => g.Nickname, group.Nickname));

        page.WaitForAssertion(() =>
            page.Find(".group-tabs a[href$='/conversations'] .unread-pill")
                .GetAttribute("aria-label")
                .Should()
                .Be("1 unread message")
        );
        page.FindAll("input").Should().ContainSingle("the manager can add a member by nickname");
        page.Find($".member-row[data-nickname={creator.Nickname}] .role-chip").TextContent.Should().Be("creator");
        page.Find($".member-row[data-nickname={admin.Nickname}] .role-chip").TextContent.Should().Be("admin");
        page.FindAll($".member-row[data-nickname={creator.Nickname}] button")
            .Should()
            .BeEmpty("nobody changes the creator");
        page.Find(".group-member-count").TextContent.Should().Contain("2 members");
    }

    [Fact]
    public async Task A_manager_sees_whom_the_group_invited_and_can_withdraw_it()
    {
        var (creator, invitee) = (
            await database.NewParticipantAsync(name: "Cleo Creator"),
            await database.NewParticipantAsync(name: "Ivo Invitee")
        );
        var group = await database.NewGroupAsync(creator);
        await database
            .Get<InviteToGroup>()
            .HandleAsync(new InviteToGroupCommand(new PersonId(creator.Id), new GroupId(group.Id), invitee.Nickname));
        context.SignIn(creator.Id, creator.DisplayName);

        var page = context.Render<GroupProfile>(p => p.Add(g => g.Nickname, group.Nickname));

        page.WaitForAssertion(() =>
            page.Find($".pending-invitations .member-row[data-nickname={invitee.Nickname}]")
                .TextContent.Should()
                .Contain("Ivo Invitee")
        );
        page.Find(".pending-invitations button")
            .GetAttribute("aria-label")
            .Should()
            .Be("Withdraw the invitation of Ivo Invitee");
        page.FindAll(".member-list:not(.pending-invitations) .member-row")
            .Should()
            .ContainSingle("an invitee is not a member");
    }

    [Fact]
    public async Task A_plain_member_sees_members_and_leave_but_no_conversations_tab_and_no_controls()
    {
        var (creator, member) = (await database.NewParticipantAsync(), await database.NewParticipantAsync());
        var group = await database.NewGroupAsync(creator, members: [member]);
        context.SignIn(member.Id, member.DisplayName);

        var page = context.Render<GroupProfile>(p => p.Add(g => g.Nickname, group.Nickname));

        page.WaitForAssertion(() => page.FindAll(".member-row").Should().HaveCount(2));
        page.FindAll(".group-tabs").Should().BeEmpty();
        page.FindAll("input").Should().BeEmpty();
        page.FindAll(".member-actions").Should().BeEmpty();
        page.FindAll("button").Select(b => b.TextContent.Trim()).Should().Contain(["Message", "Leave group"]);
    }

    [Fact]
    public async Task A_stranger_may_message_follow_block_or_report_the_group_but_sees_no_tab_no_controls_and_no_leave()
    {
        var (creator, stranger) = (await database.NewParticipantAsync(), await database.NewParticipantAsync());
        var group = await database.NewGroupAsync(creator);
        context.SignIn(stranger.Id, stranger.DisplayName);

        var page = context.Render<GroupProfile>(p => p.Add(g => g.Nickname, group.Nickname));

        page.WaitForAssertion(() => page.FindAll(".member-row").Should().ContainSingle());
        page.FindAll(".group-tabs").Should().BeEmpty();
        page.FindAll(".member-actions").Should().BeEmpty();
        page.WaitForAssertion(() =>
            page.FindAll("button")
                .Select(b => b.TextContent.Trim())
                .Should()
                .BeEquivalentTo(["Message", "Follow", "Block", "Report"])
        );
    }

    [Fact]
    public async Task The_account_menu_has_an_entry_with_the_count_of_each_managed_group_with_unread_messages()
    {
        var (manager, writer) = (
            await database.NewParticipantAsync(name: "Maya Manager"),
            await database.NewParticipantAsync()
        );
        var busy = await database.NewGroupAsync(manager);
        var quiet = await database.NewGroupAsync(manager);
        await database.StartAsync(writer, "to maya in person", manager);
        context.SignIn(manager.Id, manager.DisplayName);
        var popovers = context.Render<MudPopoverProvider>();
        var menu = context.Render<AccountMenu>();
        menu.WaitForAssertion(() =>
            menu.Find(".mud-badge[role=status]").GetAttribute("aria-label").Should().Be("1 unread message")
        );

        var sent = await database.WriteAsync(Actor.Person(writer.Id), "to the busy group", busy.Id);
        await database.ReplyAsync(writer, sent.Value!.ConversationId, "and again");
        await context
            .Services.GetRequiredService<ConversationNotifier>()
            .DeliverAsync([manager.Id], new MessagePosted(sent.Value.ConversationId, new ParticipantId(writer.Id), 2));
        menu.WaitForAssertion(() =>
            menu.Find(".mud-badge[role=status]").GetAttribute("aria-label").Should().Be("3 unread messages")
        );
        await menu.Find(".avatar-button").ClickAsync(new());

        popovers.WaitForAssertion(() => popovers.FindAll(".group-inbox-item").Should().ContainSingle());
        var entry = popovers.Find(".group-inbox-item");
        entry.GetAttribute("href").Should().Be($"profiles/{busy.Nickname}/conversations");
        entry.TextContent.Should().Contain(busy.DisplayName);
        entry.QuerySelector(".unread-pill")!.GetAttribute("aria-label").Should().Be("2 unread messages");
        popovers.FindAll(".group-inbox-item").Should().NotContain(i => i.TextContent.Contains(quiet.DisplayName));
        popovers
            .FindAll("a.mud-menu-item")
            .Single(a => a.GetAttribute("href") == "conversations")
            .QuerySelector(".unread-pill")!
            .GetAttribute("aria-label")
            .Should()
            .Be("1 unread message", "the personal count stays apart");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();
}
