using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Conversations.Tests.Support;

namespace Conversations.Tests.Security;

/// <summary>
/// The log-in door tells nobody which addresses have accounts — by its words or its time — and slows down guessing by
/// client address instead of locking owners out.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class AccountDoorTests(Browser browser)
{
    [Fact]
    public async Task An_unknown_address_takes_as_long_as_a_wrong_password_on_a_real_account_and_gets_the_same_words()
    {
        var person = await browser.App.RegisterAsync();
        using var visitor = WebSession.Anonymous(browser.App);
        await LogInAsync(visitor, person.Email!, "warm-up"); // the first hash of a process costs more

        var known = new List<double>();
        var unknown = new List<double>();
        var answers = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            var (elapsed, answer) = await LogInAsync(visitor, person.Email!, "not the password");
            known.Add(elapsed);
            answers.Add(answer);
            (elapsed, answer) = await LogInAsync(visitor, $"nobody-{Guid.NewGuid():N}@example.org", "not the password");
            unknown.Add(elapsed);
            answers.Add(answer);
        }

        answers.Should().ContainSingle().Which.Should().Be("This email and password do not match an account. Check them and try again.");
        Median(unknown).Should().BeGreaterThan(Median(known) * 0.5, "both check a password hash (before: ~4 ms against ~49 ms)");
    }

    [Fact]
    public async Task Failed_passwords_never_lock_the_owner_out_of_their_account()
    {
        var person = await browser.App.RegisterAsync();
        using var visitor = WebSession.Anonymous(browser.App);
        for (var i = 0; i < 8; i++)
        {
            await LogInAsync(visitor, person.Email!, $"guess {i}");
        }

        using var owner = await WebSession.SignedInAsync(browser.App, person.Email!); // before: locked after 5 failures
        (await owner.Client.GetAsync("/settings")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_passwords_on_the_delete_form_hold_that_form_but_never_the_owner_s_sign_in()
    {
        var person = await browser.App.RegisterAsync();
        using var borrowed = await WebSession.SignedInAsync(browser.App, person.Email!);
        string answer = "";
        for (var i = 0; i < 6; i++)
        {
            var fields = await borrowed.FormFieldsAsync("/Account/Delete");
            fields["Input.Password"] = i < 5 ? $"guess {i}" : AppUsers.Password;
            fields["Input.Confirmed"] = "true";
            answer = WebUtility.HtmlDecode(await (await borrowed.Client.PostAsync("/Account/Delete", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        }

        answer.Should().Contain("Too many wrong passwords in a row: try again in 5 minutes.");
        using var owner = await WebSession.SignedInAsync(browser.App, person.Email!);
        (await owner.Client.GetAsync("/settings")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Posts_of_the_account_forms_from_one_address_beyond_the_limit_wait_their_turn_and_then_get_a_clear_429()
    {
        await using var app = new AppHost(browser.App.ConnectionString, new Dictionary<string, string>
        {
            ["RateLimits:AccountFormsPerMinute"] = "30",
            ["Demo:Load"] = "false",
        });
        await app.InitializeAsync();
        using var visitor = WebSession.Anonymous(app);
        var fields = await visitor.FormFieldsAsync("/Account/ForgotPassword");
        fields["Input.Email"] = "someone@example.org";

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => visitor.Client.PostAsync("/Account/ForgotPassword", new FormUrlEncodedContent(fields))));

        // 30 at once, then 3 more as the bucket refills (2 s each; one or two more if the posts took seconds to arrive).
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().BeInRange(33, 35);
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(3), "the ones past the limit waited their turn");
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Should().HaveCount(40 - answers.Count(a => a.StatusCode == HttpStatusCode.OK), "every other post is refused, none fails");
        (await refused[0].Content.ReadAsStringAsync()).Should().Be("Too many attempts from your connection. Wait a minute, then try again.");
        refused[0].Headers.RetryAfter.Should().NotBeNull();
        (await visitor.Client.GetAsync("/Account/ForgotPassword")).StatusCode.Should().Be(HttpStatusCode.OK, "pages are still read; only posts are counted");
    }

    private static async Task<(double Milliseconds, string Answer)> LogInAsync(WebSession visitor, string email, string password)
    {
        var fields = await visitor.FormFieldsAsync("/Account/Login");
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        var clock = Stopwatch.StartNew();
        var response = await visitor.Client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return (elapsed, FormError().Match(html).Groups["text"].Value);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex("<p class=\"form-error\" role=\"alert\">(?<text>[^<]*)</p>")]
    private static partial Regex FormError();
}
