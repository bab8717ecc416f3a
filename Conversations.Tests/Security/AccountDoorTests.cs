using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Tests.Security;

/// <summary>
/// The log-in door tells nobody which addresses have accounts — by its words or its time — and slows down guessing by
/// client address instead of locking owners out.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class AccountDoorTests(Browser browser)
{
    /// <summary>
    /// What makes the two answers take as long (49 ms against 4 ms before): both verify one password hash of the same
    /// cost. Counted and compared by the hashes' own headers (format, function, iterations), not timed: a stopwatch on
    /// a busy machine measures the machine.
    /// </summary>
    [Fact]
    public async Task An_unknown_address_checks_a_password_hash_as_costly_as_a_wrong_password_on_a_real_account_and_gets_the_same_words()
    {
        var verified = new RecordingPasswordHasher();
        await using var app = new AppHost(
            browser.App.ConnectionString,
            new Dictionary<string, string> { ["Demo:Load"] = "false" },
            services =>
                services.AddSingleton<IPasswordHasher<Participant>>(sp =>
                    verified.Around(sp.GetRequiredService<IOptions<PasswordHasherOptions>>())
                )
        );
        await app.InitializeAsync();
        var person = await browser.App.RegisterAsync();
        using var visitor = WebSession.Anonymous(app);

        var wrongPassword = await LogInAsync(visitor, person.Email!, "not the password");
        var onRealAccount = verified.TakeHeaders();
        var unknownAddress = await LogInAsync(visitor, $"nobody-{Guid.NewGuid():N}@example.org", "not the password");
        var onNobody = verified.TakeHeaders();

        wrongPassword.Should().Be("This email and password do not match an account. Check them and try again.");
        unknownAddress.Should().Be(wrongPassword);
        onRealAccount.Should().ContainSingle("a wrong password is checked against the account's hash");
        onNobody
            .Should()
            .ContainSingle("an unknown address is checked against a hash too")
            .Which.Should()
            .Be(onRealAccount[0], "of the same format, function and iterations: the same work");
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
            answer = WebUtility.HtmlDecode(
                await (
                    await borrowed.Client.PostAsync("/Account/Delete", new FormUrlEncodedContent(fields))
                ).Content.ReadAsStringAsync()
            );
        }

        answer.Should().Contain("Too many wrong passwords in a row: try again in 5 minutes.");
        using var owner = await WebSession.SignedInAsync(browser.App, person.Email!);
        (await owner.Client.GetAsync("/settings")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Posts_of_the_account_forms_from_one_address_beyond_the_limit_wait_their_turn_and_then_get_a_clear_429()
    {
        await using var app = new AppHost(
            browser.App.ConnectionString,
            new Dictionary<string, string> { ["RateLimits:AccountFormsPerMinute"] = "30", ["Demo:Load"] = "false" }
        );
        await app.InitializeAsync();
        using var visitor = WebSession.Anonymous(app);
        var fields = await visitor.FormFieldsAsync("/Account/ForgotPassword");
        fields["Input.Email"] = "someone@example.org";

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 80)
                .Select(_ => visitor.Client.PostAsync("/Account/ForgotPassword", new FormUrlEncodedContent(fields)))
        );

        // 30 at once, then the 3 queued ones as the bucket refills (2 s each), and one more for every 2 s the 80 posts
        // took to arrive: on any machine that delivers them within two minutes, some are refused.
        var served = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        served.Should().BeGreaterThanOrEqualTo(33, "the limit's 30, then the 3 that waited their turn");
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(3), "the ones past the limit waited their turn");
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Should().NotBeEmpty().And.HaveCount(80 - served, "every other post is refused, none fails");
        (await refused[0].Content.ReadAsStringAsync())
            .Should()
            .Be("Too many attempts from your connection. Wait a minute, then try again.");
        refused[0].Headers.RetryAfter.Should().NotBeNull();
        (await visitor.Client.GetAsync("/Account/ForgotPassword"))
            .StatusCode.Should()
            .Be(HttpStatusCode.OK, "pages are still read; only posts are counted");
    }

    /// <summary>Posts the log-in form as a browser would; the form's error, as the page says it.</summary>
    private static async Task<string> LogInAsync(WebSession visitor, string email, string password)
    {
        var fields = await visitor.FormFieldsAsync("/Account/Login");
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        var response = await visitor.Client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return FormError().Match(html).Groups["text"].Value;
    }

    [GeneratedRegex("<p class=\"form-error\" role=\"alert\">(?<text>[^<]*)</p>")]
    private static partial Regex FormError();

    /// <summary>The app's password hasher, recording the header of every hash it verifies (format marker, function, iterations, salt length).</summary>
    private sealed class RecordingPasswordHasher
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> headers = new();

        public IPasswordHasher<Participant> Around(IOptions<PasswordHasherOptions> options) =>
            new Hasher(new PasswordHasher<Participant>(options), headers);

        public List<string> TakeHeaders()
        {
            var taken = new List<string>();
            while (headers.TryDequeue(out var header))
            {
                taken.Add(header);
            }

            return taken;
        }

        private sealed class Hasher(
            PasswordHasher<Participant> inner,
            System.Collections.Concurrent.ConcurrentQueue<string> headers
        ) : IPasswordHasher<Participant>
        {
            public string HashPassword(Participant user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(
                Participant user,
                string hashedPassword,
                string providedPassword
            )
            {
                headers.Enqueue(Convert.ToHexString(Convert.FromBase64String(hashedPassword).AsSpan(0, 13)));
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }
}
