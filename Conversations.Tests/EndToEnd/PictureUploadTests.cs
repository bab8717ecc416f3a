using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public class PictureUploadTests(Browser browser)
{
    private static readonly byte[] Png = TestPictures.Png();

    [Fact]
    public async Task A_picture_chosen_in_settings_becomes_the_avatar_and_one_too_big_is_refused_with_the_domain_s_words()
    {
        var me = await browser.App.RegisterAsync(name: "Pia Picture");
        var page = await browser.SignedInPageAsync(me.Email!, AppUsers.Password);
        await page.GotoAsync("/settings");
        var change = page.GetByRole(AriaRole.Button, new() { Name = "Change picture" });
        await Expect(change).ToBeEnabledAsync();

        // As a person does: the button opens the file chooser of whichever input the component holds now
        // (MudFileUpload may replace its input after a choice; setting files on an input found earlier can miss).
        var tooBig = await page.RunAndWaitForFileChooserAsync(() => change.ClickAsync());
        await tooBig.SetFilesAsync(
            new FilePayload
            {
                Name = "big.png",
                MimeType = "image/png",
                Buffer = new byte[1024 * 1024 + 1],
            }
        );
        await Expect(
                page.GetByRole(AriaRole.Alert)
                    .Filter(new() { HasText = "A picture has at most 1 MB: choose a smaller one." })
            )
            .ToBeVisibleAsync();

        var right = await page.RunAndWaitForFileChooserAsync(() => change.ClickAsync());
        await right.SetFilesAsync(
            new FilePayload
            {
                Name = "me.png",
                MimeType = "image/png",
                Buffer = Png,
            }
        );
        await Expect(page.GetByText("Your new picture is saved.")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-paper img").First)
            .ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"avatars/{me.Nickname}\\?v=1"));
    }

    [Fact]
    public async Task A_picture_is_served_sandboxed_and_kept_for_long_only_at_the_version_it_has()
    {
        var me = await browser.App.RegisterAsync();
        await browser.App.Get<Conversations.Domain.Participants.SetProfilePicture>().HandleAsync(me.Id, Png);
        await browser.App.Get<Conversations.Domain.Participants.SetProfilePicture>().HandleAsync(me.Id, Png); // version 2
        using var visitor = WebSession.Anonymous(browser.App);

        var current = await visitor.Client.GetAsync($"/avatars/{me.Nickname}?v=2");
        var old = await visitor.Client.GetAsync($"/avatars/{me.Nickname}?v=1");
        var bare = await visitor.Client.GetAsync($"/avatars/{me.Nickname}");

        current.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        current.Headers.GetValues("Content-Security-Policy").Single().Should().Be("default-src 'none'; sandbox");
        current.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        current.Headers.GetValues("Cache-Control").Single().Should().Be("public, max-age=31536000, immutable");
        old.Headers.CacheControl!.NoCache.Should().BeTrue("version 1 is not the stored picture any more");
        old.Headers.CacheControl.ToString().Should().NotContain("immutable");
        bare.Headers.CacheControl!.NoCache.Should().BeTrue();
        (await bare.Content.ReadAsByteArrayAsync()).Should().Equal(await current.Content.ReadAsByteArrayAsync());
    }
}
