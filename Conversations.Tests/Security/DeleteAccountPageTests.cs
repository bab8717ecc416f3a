using System.Net;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;

namespace Conversations.Tests.Security;

[Collection(BrowserCollection.Name)]
public class DeleteAccountPageTests(Browser browser)
{
    [Fact]
    public async Task Deleting_with_the_right_password_redirects_to_the_goodbye_page_and_signs_the_browser_out_in_the_same_answer()
    {
        var person = await browser.App.RegisterAsync();
        using var session = await WebSession.SignedInAsync(browser.App, person.Email!);
        var fields = await session.FormFieldsAsync("/Account/Delete");
        fields["Input.Password"] = AppUsers.Password;
        fields["Input.Confirmed"] = "true";

        var response = await session.Client.PostAsync("/Account/Delete", new FormUrlEncodedContent(fields));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().Should().EndWith("Account/Deleted");
        response
            .Headers.GetValues("Set-Cookie")
            .Should()
            .Contain(
                c =>
                    c.StartsWith(".AspNetCore.Identity.Application=;", StringComparison.Ordinal)
                    && c.Contains("expires=Thu, 01 Jan 1970"),
                "the sign-in cookie is cleared in the same answer"
            );
        session.CookieHeader.Should().NotContain(".AspNetCore.Identity.Application");
        (await browser.App.Get<FindProfile>().ByIdAsync(person.Id)).Should().BeNull();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_domain_s_words_and_deletes_nothing()
    {
        var person = await browser.App.RegisterAsync();
        using var session = await WebSession.SignedInAsync(browser.App, person.Email!);
        var fields = await session.FormFieldsAsync("/Account/Delete");
        fields["Input.Password"] = "not-the-password";
        fields["Input.Confirmed"] = "true";

        var response = await session.Client.PostAsync("/Account/Delete", new FormUrlEncodedContent(fields));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("That is not your password.");
        (await browser.App.Get<FindProfile>().ByIdAsync(person.Id)).Should().NotBeNull();
    }
}
