using Bunit;
using Conversations.Domain.Common;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;
using Conversations.Web.Components.Layout;
using Conversations.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Conversations.Tests.Components;

public class AppBarTests(DomainFixture database) : IClassFixture<DomainFixture>, IAsyncLifetime
{
    private readonly ComponentTestContext context = new(database);

    [Fact]
    public void A_visitor_who_is_signed_out_is_offered_log_in_and_register()
    {
        var bar = context.Render<AppBar>();

        bar.Find("header").TextContent.Should().Contain("Conversations");
        bar.FindAll("a")
            .Select(a => (a.TextContent.Trim(), a.GetAttribute("href")))
            .Should()
            .Contain(("Log in", "Account/Login"))
            .And.Contain(("Register", "Account/Register"));
        bar.FindAll(".avatar-button").Should().BeEmpty();
    }

    [Fact]
    public async Task A_signed_in_participant_sees_their_avatar_which_opens_the_account_menu()
    {
        var me = await database.NewParticipantAsync("menu_owner", name: "Mona Owner");
        context.SignIn(me.Id, me.DisplayName);
        var popovers = context.Render<MudPopoverProvider>();
        var bar = context.Render<AppBar>();

        bar.WaitForAssertion(() => bar.Find(".avatar-button").TextContent.Should().Contain("MO"));
        bar.Find(".avatar-button .visually-hidden")
            .TextContent.Should()
            .Be("Account menu of Mona Owner", "a button named by its text says whose menu it opens");
        bar.FindAll("a").Should().NotContain(a => a.TextContent.Trim() == "Log in");

        await bar.Find(".avatar-button").ClickAsync(new());

        popovers.WaitForAssertion(() =>
        {
            var items = popovers.FindAll(".mud-menu-item").Select(i => i.TextContent.Trim()).ToList();
            items.Should().Contain(["Profile", "Conversations", "Settings"]);
        });
        popovers
            .FindAll("a.mud-menu-item")
            .Select(a => a.GetAttribute("href"))
            .Should()
            .Contain(["profiles/menu_owner", "conversations", "settings"]);
        var logout = popovers.Find("form.logout-form");
        logout.GetAttribute("action").Should().Be("Account/Logout");
        logout.GetAttribute("method").Should().Be("post");
        logout.TextContent.Should().Contain("Log out");
    }

    [Fact]
    public async Task The_unread_badge_is_hidden_at_zero_and_changes_when_the_notifier_publishes()
    {
        var me = await database.NewParticipantAsync(name: "Badge Holder");
        var friend = await database.NewParticipantAsync();
        context.SignIn(me.Id, me.DisplayName);
        var menu = context.Render<AccountMenu>();
        menu.WaitForAssertion(() => menu.Find(".avatar-button"));
        menu.FindAll(".mud-badge-root").Should().ContainSingle();
        menu.FindAll(".mud-badge[role=status]").Should().BeEmpty();

        var sent = await database.StartAsync(friend, "ping", me);
        await database.ReplyAsync(friend, sent.Value!.ConversationId, "ping again");
        await context
            .Services.GetRequiredService<ConversationNotifier>()
            .DeliverAsync([me.Id], new MessagePosted(sent.Value.ConversationId, new ParticipantId(friend.Id), 2));

        menu.WaitForAssertion(() =>
            menu.Find(".mud-badge[role=status]").GetAttribute("aria-label").Should().Be("2 unread messages")
        );
        menu.Find(".mud-badge").TextContent.Trim().Should().Be("2");
    }

    [Theory]
    [InlineData(1, "1", "1 unread message")]
    [InlineData(99, "99", "99 unread messages")]
    [InlineData(120, "99+", "120 unread messages")]
    public void The_badge_shows_99_plus_above_99_with_an_accessible_label(int count, string shown, string label)
    {
        var badge = context.Render<UnreadBadge>(p => p.Add(b => b.Count, count).AddChildContent("<span>avatar</span>"));

        badge.Find(".mud-badge").TextContent.Trim().Should().Be(shown);
        badge.Find(".mud-badge").GetAttribute("aria-label").Should().Be(label);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();
}
