using System.Net;
using System.Text;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;

namespace Conversations.Tests.Security;

/// <summary>Requests that used to answer 500 get a clear 4xx or a form error instead (issue 14, finding 9).</summary>
[Collection(BrowserCollection.Name)]
public class ClearAnswerTests(Browser browser)
{
    [Theory]
    [InlineData("profiles/élodie", "profiles/%C3%A9lodie")]
    [InlineData("conversations?q=café ☕", "conversations?q=caf%C3%A9%20%E2%98%95")]
    public async Task Logging_in_with_a_return_address_that_is_not_ascii_goes_there_escaped(
        string returnUrl,
        string expected
    )
    {
        var person = await browser.App.RegisterAsync();
        using var visitor = WebSession.Anonymous(browser.App);
        var path = $"/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var fields = await visitor.FormFieldsAsync(path);
        fields["Input.Email"] = person.Email!;
        fields["Input.Password"] = AppUsers.Password;

        var response = await visitor.Client.PostAsync(path, new FormUrlEncodedContent(fields));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.Should().EndWith(expected);
    }

    [Fact]
    public async Task Registering_with_an_email_address_over_254_characters_is_a_form_error_and_creates_nothing()
    {
        using var visitor = WebSession.Anonymous(browser.App);
        var email = new string('a', 250) + "@example.org";
        var fields = await visitor.FormFieldsAsync("/Account/Register");
        fields["Input.Email"] = email;
        fields["Input.DisplayName"] = "Long Address";
        fields["Input.Nickname"] = $"long_{Guid.NewGuid():N}"[..20];
        fields["Input.Password"] = AppUsers.Password;

        var response = await visitor.Client.PostAsync("/Account/Register", new FormUrlEncodedContent(fields));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility
            .HtmlDecode(await response.Content.ReadAsStringAsync())
            .Should()
            .Contain("An email address has at most 254 characters.");
        (await browser.App.Get<FindProfile>().ByNicknameAsync(fields["Input.Nickname"])).Should().BeNull();
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_to_log_out_is_refused_as_too_large()
    {
        var person = await browser.App.RegisterAsync();
        using var session = await WebSession.SignedInAsync(browser.App, person.Email!);
        var body = new StringContent(
            "a=" + new string('x', 200 * 1024),
            Encoding.ASCII,
            "application/x-www-form-urlencoded"
        );
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        var response = await session.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await session.Client.GetAsync("/settings"))
            .StatusCode.Should()
            .Be(HttpStatusCode.OK, "the session was not ended by a refused request");
    }
}
