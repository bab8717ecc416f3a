using Conversations.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public class PictureUploadTests(Browser browser)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    [Fact]
    public async Task A_picture_chosen_in_settings_becomes_the_avatar_and_one_too_big_is_refused_with_the_domain_s_words()
    {
        var me = await browser.App.RegisterAsync(name: "Pia Picture");
        var page = await browser.SignedInPageAsync(me.Email!, AppUsers.Password);
        await page.GotoAsync("/settings");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change picture" })).ToBeEnabledAsync();
        var input = page.Locator(".picture-upload input[type=file]:not(.d-none)"); // MudFileUpload keeps a spare input, hidden

        await input.SetInputFilesAsync(new FilePayload { Name = "big.png", MimeType = "image/png", Buffer = new byte[1024 * 1024 + 1] });
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "A picture has at most 1 MB: choose a smaller one." })).ToBeVisibleAsync();

        await input.SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = Png });
        await Expect(page.GetByText("Your new picture is saved.")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-paper img").First).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"avatars/{me.Nickname}\\?v=1"));
    }
}
