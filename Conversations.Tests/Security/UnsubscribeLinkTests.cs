using System.Net;
using Conversations.Domain.Email;
using Conversations.Tests.Support;

namespace Conversations.Tests.Security;

/// <summary>An email's unsubscribe link works without signing in, with one click from a mail client; a forged one does nothing.</summary>
[Collection(BrowserCollection.Name)]
public class UnsubscribeLinkTests(Browser browser)
{
    [Fact]
    public async Task The_link_asks_before_stopping_and_a_mail_client_s_one_click_post_stops_the_emails_without_signing_in()
    {
        var person = await browser.App.RegisterAsync();
        var token = Uri.EscapeDataString(browser.App.Get<UnsubscribeTokens>().For(person.Id));
        using var visitor = WebSession.Anonymous(browser.App);

        var page = await visitor.Client.GetAsync($"/unsubscribe?token={token}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Stop emails about new messages?");
        (await browser.App.Get<SetEmailPreference>().CurrentAsync(person.Id))
            .Should()
            .BeTrue("opening the link changes nothing");

        var oneClick = await visitor.Client.PostAsync(
            $"/unsubscribe/one-click?token={token}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" })
        );

        oneClick.StatusCode.Should().Be(HttpStatusCode.OK, await oneClick.Content.ReadAsStringAsync());
        (await browser.App.Get<SetEmailPreference>().CurrentAsync(person.Id)).Should().BeFalse();
    }

    [Fact]
    public async Task A_forged_or_altered_token_is_refused_with_a_clear_page_and_changes_nothing()
    {
        var person = await browser.App.RegisterAsync();
        var real = browser.App.Get<UnsubscribeTokens>().For(person.Id);
        var altered = real[..^3] + (real[^3] == 'A' ? 'B' : 'A') + real[^2..];
        using var visitor = WebSession.Anonymous(browser.App);

        foreach (var token in new[] { altered, "forged", person.Id.ToString("N") })
        {
            var page = await visitor.Client.GetAsync($"/unsubscribe?token={Uri.EscapeDataString(token)}");
            page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await page.Content.ReadAsStringAsync()).Should().Contain("This link is not valid");
            var post = await visitor.Client.PostAsync(
                $"/unsubscribe/one-click?token={Uri.EscapeDataString(token)}",
                new FormUrlEncodedContent([])
            );
            post.StatusCode.Should().Be(HttpStatusCode.Redirect);
            post.Headers.Location!.ToString().Should().EndWith("/unsubscribe?token=");
        }

        (await browser.App.Get<SetEmailPreference>().CurrentAsync(person.Id)).Should().BeTrue();
    }
}
