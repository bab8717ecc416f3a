using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Conversations.Domain;
using Conversations.Web.Components.Account;
using Conversations.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Conversations.Tests.Support;

/// <summary>A bUnit context with MudBlazor, the real domain services on the class's database, and a signed-in or anonymous visitor.</summary>
public sealed class ComponentTestContext : BunitContext
{
    public ComponentTestContext(DomainFixture database)
    {
        // Two cores run the browser and domain tests beside these: a render pushed from the relay may take more than 1 s.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLanguages();
        Services.AddTransient<Conversations.Web.Components.Shared.ChangeRun>();
        Services.AddLogging();
        Services.AddConversationsDomain(database.ConnectionString);
        Services.AddScoped<SignedInParticipant>();
        Services.AddScoped<Conversations.Web.Components.Layout.ViewerClock>();
        Services.AddScoped<Conversations.Web.Components.Layout.ThemeChoice>();
        Services.AddScoped<Conversations.Web.Live.LiveConversations>();
        Services.AddSingleton<Conversations.Web.Live.ScreenReloads>();
        Services.AddScoped<Conversations.Web.Components.Messaging.Mailboxes>();
        Authorization = this.AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public BunitAuthorizationContext Authorization { get; }

    public void SignIn(Guid participantId, string name) =>
        Authorization.SetAuthorized(name).SetClaims(new Claim(ClaimTypes.NameIdentifier, participantId.ToString()));
}
