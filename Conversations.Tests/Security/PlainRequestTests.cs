using System.Net;
using Conversations.Bench;
using Conversations.Domain.Email;
using Conversations.Tests.Support;

namespace Conversations.Tests.Security;

/// <summary>
/// A NUL, a line break or a text-direction override in any query parameter or any form field is refused at the door
/// with 400 and words in the visitor's language — never a 500, and nothing behind the door runs.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PlainRequestTests(Browser browser)
{
    private static readonly string[] Payloads = ["a\0b", "a\r\nSet-Cookie: x=y", "a\u202Egnp.exe", "\u2066a"];

    /// <summary>Every page with query parameters, each with the parameters it reads (and one it does not).</summary>
    private static readonly string[] Addresses =
    [
        "/conversations/new?to=alice",
        "/Account/Login?ReturnUrl=%2Fconversations",
        "/Account/ResetPassword?email=a%40example.org&code=abc",
        "/Account/ConfirmAddress?user=00000000-0000-0000-0000-000000000000&code=abc",
        "/Account/ConfirmAddressChange?user=00000000-0000-0000-0000-000000000000&email=a%40example.org&code=abc",
        "/unsubscribe?token=abc",
        "/avatars/nobody?v=1",
        "/conversations?page=2",
        "/?x=1",
    ];

    [Fact]
    public async Task Every_query_parameter_with_a_control_or_direction_character_gets_400_with_the_door_s_words()
    {
        var person = await browser.App.RegisterAsync();
        using var session = await WebSession.SignedInAsync(browser.App, person.Email!);
        var tried = 0;
        foreach (var address in Addresses)
        {
            var (path, query) = (address.Split('?')[0], System.Web.HttpUtility.ParseQueryString(address.Split('?')[1]));
            foreach (var key in query.AllKeys)
            {
                foreach (var payload in Payloads)
                {
                    var values = query.AllKeys.ToDictionary(k => k!, k => k == key ? payload : query[k]!);
                    var url =
                        $"{path}?{string.Join('&', values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"))}";
                    await RefusedAsync(await session.Client.GetAsync(url), url);
                    tried++;
                }
            }
        }

        tried
            .Should()
            .Be(Addresses.Sum(a => System.Web.HttpUtility.ParseQueryString(a.Split('?')[1]).Count) * Payloads.Length);
    }

    [Fact]
    public async Task Every_field_of_every_form_with_a_control_or_direction_character_gets_400_and_changes_nothing()
    {
        var person = await browser.App.RegisterAsync(name: "Plain Person");
        using var visitor = WebSession.Anonymous(browser.App);
        using var member = await WebSession.SignedInAsync(browser.App, person.Email!);
        var unsubscribe = Uri.EscapeDataString(browser.App.Get<UnsubscribeTokens>().For(person.Id));
        var pages = new (WebSession Session, string Path)[]
        {
            (visitor, "/Account/Login"),
            (visitor, "/Account/Register"),
            (visitor, "/Account/ForgotPassword"),
            (visitor, "/Account/ResetPassword?email=a%40example.org&code=abc"),
            (visitor, $"/unsubscribe?token={unsubscribe}"),
            (member, "/Account/ChangeEmail"),
            (member, "/Account/Delete"),
            (member, "/settings"),
        };
        var posted = 0;
        var actions = new HashSet<string>();
        foreach (var (session, path) in pages)
        {
            var forms = HtmlForms.Forms(await session.Client.GetStringAsync(path), path);
            forms.Should().NotBeEmpty($"{path} has a form");
            foreach (var form in forms)
            {
                actions.Add(form.Action.TrimStart('/').Split('?')[0]);
                foreach (
                    var field in form.Filled.Concat(form.Hidden.Keys).Where(f => f != "__RequestVerificationToken")
                )
                {
                    foreach (var payload in Payloads)
                    {
                        var values = new Dictionary<string, string>(form.Hidden);
                        foreach (var filled in form.Filled)
                        {
                            values[filled] = filled.Contains("Password", StringComparison.Ordinal)
                                ? AppUsers.Password
                                : person.Email!;
                        }

                        values[field] = payload;
                        await RefusedAsync(
                            await session.Client.PostAsync(form.Action, new FormUrlEncodedContent(values)),
                            $"{form.Action} with {field}"
                        );
                        posted++;
                    }
                }
            }
        }

        actions
            .Should()
            .Contain(
                ["language", "unsubscribe/one-click"],
                "the footer's language picker and the unsubscribe button are forms too"
            );

        // The menu's log-out form is drawn when the menu opens: posted as it would be, with a stray field.
        var token = (await member.FormFieldsAsync("/Account/ChangeEmail"))["__RequestVerificationToken"];
        foreach (var payload in Payloads)
        {
            await RefusedAsync(
                await member.Client.PostAsync(
                    "/Account/Logout",
                    new FormUrlEncodedContent(
                        new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["x"] = payload }
                    )
                ),
                "the log-out form"
            );
        }

        posted.Should().BeGreaterThan(50);
        using var owner = await WebSession.SignedInAsync(browser.App, person.Email!);
        (await owner.Client.GetAsync("/settings"))
            .StatusCode.Should()
            .Be(HttpStatusCode.OK, "no refused post changed the account");
    }

    private static async Task RefusedAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, what);
        body.Should()
            .Be("The request holds characters that cannot be used here (control or text-direction characters).", what);
    }
}
