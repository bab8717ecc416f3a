using Bunit;
using Conversations.Tests.Domain;
using Conversations.Tests.Support;
using Conversations.Web.Components.Layout;
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
        bar.FindAll("a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).Should()
            .Contain(("Log in", "Account/Login")).And.Contain(("Register", "Account/Register"));
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
        bar.Find(".avatar-button").TextContent.Should().Contain("Account menu of Mona Owner");
        bar.FindAll("a").Should().NotContain(a => a.TextContent.Trim() == "Log in");

        await bar.Find(".avatar-button").ClickAsync(new());

        popovers.WaitForAssertion(() =>
        {
            var items = popovers.FindAll(".mud-menu-item").Select(i => i.TextContent.Trim()).ToList();
            items.Should().Contain(["Profile", "Conversations", "Settings"]);
        });
        popovers.FindAll("a.mud-menu-item").Select(a => a.GetAttribute("href")).Should()
            .Contain(["profiles/menu_owner", "conversations", "settings"]);
        var logout = popovers.Find("form.logout-form");
        logout.GetAttribute("action").Should().Be("Account/Logout");
        logout.GetAttribute("method").Should().Be("post");
        logout.TextContent.Should().Contain("Log out");
    }

    [Fact]
    public async Task The_unread_badge_is_hidden_at_zero_and_shows_99_plus_above_99()
    {
        var me = await database.NewParticipantAsync(name: "Badge Holder");
        context.SignIn(me.Id, me.DisplayName);

        var none = context.Render<AccountMenu>(p => p.Add(m => m.UnreadCount, 0));
        none.WaitForAssertion(() => none.Find(".avatar-button"));
        none.FindAll(".mud-badge-root").Should().ContainSingle();
        none.FindAll(".mud-badge[role=status]").Should().BeEmpty();

        var many = context.Render<AccountMenu>(p => p.Add(m => m.UnreadCount, 120));
        many.WaitForAssertion(() => many.Find(".mud-badge").TextContent.Should().Contain("99+"));
        many.Find(".mud-badge").GetAttribute("aria-label").Should().Be("120 unread messages");
        many.Find(".mud-badge").GetAttribute("role").Should().Be("status");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();
}
