using Bunit;
using Conversations.Tests.Support;
using Conversations.Web.Components.Layout;

namespace Conversations.Tests.Components;

public class SiteFooterTests(DomainFixture database) : IClassFixture<DomainFixture>, IAsyncLifetime
{
    private readonly ComponentTestContext context = new(database);

    [Fact]
    public async Task A_signed_in_participant_finds_conversations_under_my_account_in_the_footer()
    {
        var me = await database.NewParticipantAsync();
        context.SignIn(me.Id, me.DisplayName);

        var footer = context.Render<SiteFooter>();

        var section = footer.Find("nav[aria-labelledby=footer-my-account]");
        section.TextContent.Should().Contain("My account");
        section
            .QuerySelectorAll("a")
            .Should()
            .Contain(a => a.TextContent.Trim() == "Conversations" && a.GetAttribute("href") == "conversations");
    }

    [Fact]
    public void A_signed_out_visitor_has_no_my_account_section()
    {
        var footer = context.Render<SiteFooter>();

        footer.FindAll("nav[aria-labelledby=footer-my-account]").Should().BeEmpty();
        footer.Find("footer").TextContent.Should().Contain("private messages");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();
}
