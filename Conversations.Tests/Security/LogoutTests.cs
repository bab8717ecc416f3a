using System.Net;
using Conversations.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conversations.Tests.Security;

/// <summary>Logging out ends that device's session on the server: its cookie, and any copy of it, is worth nothing after.</summary>
[Collection(BrowserCollection.Name)]
public class LogoutTests(Browser browser)
{
    [Fact]
    public async Task Logging_out_ends_that_session_so_a_copied_cookie_and_its_hub_connection_stop_while_another_device_stays_signed_in()
    {
        await using var app = new AppHost(
            browser.App.ConnectionString,
            new Dictionary<string, string> { ["Security:RevalidateEvery"] = "00:00:01", ["Demo:Load"] = "false" }
        );
        await app.InitializeAsync();
        var person = await app.RegisterAsync();
        using var laptop = await WebSession.SignedInAsync(app, person.Email!);
        using var phone = await WebSession.SignedInAsync(app, person.Email!);
        using var copy = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(app.BaseUrl),
        };
        copy.DefaultRequestHeaders.Add("Cookie", laptop.CookieHeader);
        (await copy.GetAsync("/settings"))
            .StatusCode.Should()
            .Be(HttpStatusCode.OK, "a copy of a live cookie works, as the original does");
        await using var copiedHub = await UnreadHubClient.ConnectAsync(app, laptop.CookieHeader);
        await using var phoneHub = await UnreadHubClient.ConnectAsync(app, phone.CookieHeader);
        var copiedClosed = new TaskCompletionSource();
        copiedHub.Closed += _ =>
        {
            copiedClosed.TrySetResult();
            return Task.CompletedTask;
        };

        await laptop.LogOutAsync();

        var replayed = await copy.GetAsync("/settings");
        replayed.StatusCode.Should().Be(HttpStatusCode.Redirect, "the copied cookie names a session that is over");
        replayed.Headers.Location!.ToString().Should().Contain("/Account/Login");
        (await copy.PostAsync("/hubs/unread/negotiate?negotiateVersion=1", null))
            .StatusCode.Should()
            .Be(HttpStatusCode.Unauthorized);
        await copiedClosed.Task.WaitAsync(TimeSpan.FromSeconds(15)); // the server closes the live connection of the ended session
        (await phone.Client.GetAsync("/settings"))
            .StatusCode.Should()
            .Be(HttpStatusCode.OK, "the phone's session is another one: it stays signed in");
        phoneHub.State.Should().Be(HubConnectionState.Connected);
    }
}
