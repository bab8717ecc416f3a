using System.Text.RegularExpressions;
using Conversations.Tests.Support;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>A forgotten password is not a lost account: a link by email, a new password, signed in again.</summary>
[Collection(BrowserCollection.Name)]
public partial class PasswordResetTests(Browser browser)
{
    /// <summary>
    /// The answer takes as long with an account as without because it does not wait for the link: proved by holding
    /// the link's first write (the account's rate-limit token for reset links) in a transaction of the test's own. An
    /// answer that wrote the link itself would wait for that transaction; this one comes, and the link follows once
    /// the transaction ends. Nothing here is timed, so a busy machine cannot make it fail.
    /// </summary>
    [Fact]
    public async Task Asking_for_a_reset_link_is_answered_before_the_link_is_written_so_an_account_takes_no_longer_than_none()
    {
        await using var smtp = SmtpCatcher.Start();
        await using var app = await EmailApp.StartAsync(browser.App.ConnectionString, smtp);
        var person = await app.RegisterAsync();
        using var visitor = WebSession.Anonymous(app);
        var fields = await visitor.FormFieldsAsync("/Account/ForgotPassword");
        async Task<string> AnswerAsync(string email)
        {
            fields["Input.Email"] = email;
            var answering = visitor.Client.PostAsync("/Account/ForgotPassword", new FormUrlEncodedContent(fields));
            (await Task.WhenAny(answering, Task.Delay(TimeSpan.FromMinutes(1))))
                .Should()
                .BeSameAs(answering, "the answer does not wait for the link");
            var response = await answering;
            response.EnsureSuccessStatusCode();
            return StatusText().Match(await response.Content.ReadAsStringAsync()).Value;
        }

        await using var connection = new NpgsqlConnection(browser.App.ConnectionString);
        await connection.OpenAsync();
        await using (var hold = await connection.BeginTransactionAsync())
        {
            await using (
                var bucket = new NpgsqlCommand(
                    """
                    INSERT INTO "RateLimitBuckets" ("ParticipantId", "Kind", "Tokens", "UpdatedAt") VALUES ($1, $2, 3, now())
                    """,
                    connection,
                    hold
                )
            )
            {
                bucket.Parameters.Add(new NpgsqlParameter { Value = person.Id });
                bucket.Parameters.Add(
                    new NpgsqlParameter { Value = Conversations.Domain.Email.LinkEmails.PasswordReset }
                );
                await bucket.ExecuteNonQueryAsync();
            }

            var withAccount = await AnswerAsync(person.Email!);
            var withoutAccount = await AnswerAsync($"nobody-{Guid.NewGuid():N}@example.org");

            withAccount.Should().NotBeEmpty().And.Be(withoutAccount, "the page says the same either way");
            smtp.To(person.Email).Should().BeEmpty("the link waits for the test's transaction");
            await hold.RollbackAsync();
        }

        await Eventually.TrueAsync(
            () => smtp.To(person.Email).Any(),
            "the link follows the answer",
            TimeSpan.FromSeconds(30)
        );
    }

    [Fact]
    public async Task Forgot_password_sends_a_link_by_email_that_sets_a_new_password_once_and_the_page_answers_the_same_for_unknown_addresses()
    {
        await using var smtp = SmtpCatcher.Start();
        await using var app = await EmailApp.StartAsync(browser.App.ConnectionString, smtp);
        var person = await app.RegisterAsync(name: "Fergus Forgetful");
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forgot your password?" })).ToBeVisibleAsync(); // not the log-in page's Email field
        await page.GetByLabel("Email").FillAsync("nobody-has-this@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        var answer = await page.GetByRole(AriaRole.Status).TextContentAsync();
        await page.GotoAsync("Account/ForgotPassword");
        await page.GetByLabel("Email").FillAsync(person.Email!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())
            .Should()
            .Be(answer, "the page says the same whether or not the address has an account");

        await Eventually.TrueAsync(
            () => smtp.To(person.Email).Any(),
            "the reset email arrives",
            TimeSpan.FromSeconds(30)
        );
        var email = smtp.To(person.Email).Single();
        email.Subject.Should().Be("Reset your Conversations password");
        smtp.To("nobody-has-this@example.org").Should().BeEmpty();
        var link = new Uri(ResetLink().Match(email.TextBody!).Value);
        link.Host.Should().Be("conversations.test", "links use Email:PublicUrl");

        await page.GotoAsync(link.PathAndQuery.TrimStart('/'));
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Fresh!Start9");
        await page.GetByLabel("New password again").FillAsync("Fresh!Start9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status))
            .ToHaveTextAsync("Your password is changed. Log in with the new one.");

        await AccountJourneyTests.LogInAsync(page, person.Email!, "Fresh!Start9");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Account menu of Fergus Forgetful" }))
            .ToBeVisibleAsync();

        var again = await context.Browser!.NewContextAsync(new() { BaseURL = app.BaseUrl });
        var replay = await again.NewPageAsync();
        await replay.GotoAsync(link.PathAndQuery.TrimStart('/'));
        await replay.GetByLabel("New password", new() { Exact = true }).FillAsync("Another!One9");
        await replay.GetByLabel("New password again").FillAsync("Another!One9");
        await replay.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Expect(replay.GetByRole(AriaRole.Main).GetByRole(AriaRole.Alert))
            .ToContainTextAsync("This link is not valid any more", new() { Timeout = 15_000 });
        await again.CloseAsync();
        await context.CloseAsync();
    }

    [GeneratedRegex(@"https://conversations\.test/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex("<p role=\"status\">[^<]*</p>")]
    private static partial Regex StatusText();
}
