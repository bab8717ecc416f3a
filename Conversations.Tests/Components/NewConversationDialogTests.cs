using Bunit;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Conversations.Web.Components.Messaging;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Conversations.Tests.Components;

public class NewConversationDialogTests(DomainFixture database) : IClassFixture<DomainFixture>, IAsyncLifetime
{
    private readonly ComponentTestContext context = new(database);

    [Fact]
    public async Task Picks_become_removable_chips_the_tenth_is_refused_and_next_needs_one()
    {
        var me = await database.NewParticipantAsync("dlg_me", name: "Dialog Owner");
        for (var i = 0; i < 10; i++)
        {
            await database.NewParticipantAsync($"dlg_{i}", name: $"Dialog Person {i}");
        }

        var (popovers, provider) = await OpenDialogAsync(me.Id, me.DisplayName);

        provider.WaitForAssertion(() => NextButton(provider).HasAttribute("disabled").Should().BeTrue());

        for (var i = 0; i < 10; i++)
        {
            await PickAsync(provider, popovers, $"dlg_{i}", $"Dialog Person {i}");
        }

        var chips = provider.FindAll(".recipient-chip");
        chips.Should().HaveCount(9);
        provider.Find("[role=alert]").TextContent.Should().Contain("at most 9 recipients");
        NextButton(provider).HasAttribute("disabled").Should().BeFalse();
        provider.Markup.Should().NotContain("Dialog Owner");

        await provider.Find("button[aria-label='Remove recipient Dialog Person 0']").ClickAsync(new());
        provider.FindAll(".recipient-chip").Should().HaveCount(8);
    }

    [Fact]
    public async Task Someone_who_does_not_accept_you_shows_disabled_with_the_reason_and_cannot_be_picked()
    {
        var me = await database.NewParticipantAsync(name: "Dialog Asker");
        var picky = await database.NewParticipantAsync("dlg_picky", name: "Dialog Picky");
        await database
            .Get<SetMessagePreference>()
            .HandleAsync(picky.Id, Conversations.Domain.Messaging.WhoMayWrite.OnlyPeopleIFollow);
        var (popovers, provider) = await OpenDialogAsync(me.Id, me.DisplayName);

        await provider.Find(".recipient-search input").InputAsync(new ChangeEventArgs { Value = "dlg_picky" });

        popovers.WaitForAssertion(
            () =>
                popovers
                    .Find(".recipient-option.disabled")
                    .TextContent.Should()
                    .Contain("Dialog Picky does not accept messages from you."),
            TimeSpan.FromSeconds(5)
        );
        popovers.Find(".mud-list-item").ClassList.Should().Contain("mud-list-item-disabled");
        await popovers.Find(".mud-list-item").ClickAsync(new());
        provider.FindAll(".recipient-chip").Should().BeEmpty();
        NextButton(provider).HasAttribute("disabled").Should().BeTrue();
    }

    /// <summary>Signs in and opens the dialog as the inbox's "New conversation" button does.</summary>
    private async Task<(
        IRenderedComponent<MudPopoverProvider> Popovers,
        IRenderedComponent<MudDialogProvider> Provider
    )> OpenDialogAsync(Guid meId, string name)
    {
        context.SignIn(meId, name);
        var popovers = context.Render<MudPopoverProvider>();
        var provider = context.Render<MudDialogProvider>();
        var dialogs = context.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() =>
            dialogs.ShowAsync<NewConversationDialog>(
                "New conversation",
                new DialogParameters<NewConversationDialog>
                {
                    { d => d.Mailbox, new Mailbox(Actor.Person(meId), null) },
                }
            )
        );
        return (popovers, provider);
    }

    private static AngleSharp.Dom.IElement NextButton(IRenderedComponent<MudDialogProvider> provider) =>
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Next");

    private static async Task PickAsync(
        IRenderedComponent<MudDialogProvider> provider,
        IRenderedComponent<MudPopoverProvider> popovers,
        string query,
        string name
    )
    {
        await provider.Find(".recipient-search input").InputAsync(new ChangeEventArgs { Value = query });
        popovers.WaitForAssertion(() =>
            popovers.FindAll(".recipient-option").Should().Contain(o => o.TextContent.Contains(name))
        );
        var option = popovers.FindAll(".mud-list-item").First(o => o.TextContent.Contains(name));
        await option.ClickAsync(new());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();
}
