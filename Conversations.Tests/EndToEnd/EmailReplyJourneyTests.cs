using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Conversations.Tests.Support;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Tests.EndToEnd;

/// <summary>Answering a new-message email from a mail client, through a real mail server (SMTP in, IMAP out).</summary>
[Collection(DesktopBrowserCollection.Name)]
public class EmailReplyJourneyTests(Browser browser)
{
    [Fact]
    public async Task Bob_answers_the_email_from_his_mail_client_and_alice_sees_exactly_his_words_appear_live()
    {
        await using var mail = await MailServer.StartAsync();
        await using var mailing = await EmailApp.StartWithRepliesAsync(
            browser.App.ConnectionString,
            mail,
            "reply@conversations.test"
        );
        var (alice, bob) = (
            await browser.App.RegisterAsync(name: "Alice Rider"),
            await browser.App.RegisterAsync(name: "Bob Mailer")
        );
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = browser.App.BaseUrl });
        var page = await context.NewPageAsync();
        await AccountJourneyTests.LogInAsync(page, alice.Email!, AppUsers.Password);
        var id = (
            await browser
                .App.Get<StartConversation>()
                .HandleAsync(
                    new StartConversationCommand(Actor.Person(alice.Id), [bob.Id], "Shall we ride to the meeting?")
                )
        )
            .Value!
            .ConversationId;
        await page.GotoAsync($"/conversations/{id}");
        await Expect(page.Locator(".conversation[data-seen=true]")).ToBeVisibleAsync();

        // The app mails bob (he has not read it); his mail client reads the email from the server.
        using var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", mail.ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync("bob", "bob");
        MimeMessage? email = null;
        await Eventually.TrueAsync(
            async () =>
            {
                await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
                var found = await imap.Inbox.SearchAsync(SearchQuery.ToContains(bob.Email!));
                email = found.Count == 0 ? null : await imap.Inbox.GetMessageAsync(found[^1]);
                await imap.Inbox.CloseAsync();
                return email is not null;
            },
            "bob is mailed about alice's message",
            TimeSpan.FromMinutes(1)
        );
        var replyTo = email!.ReplyTo.Mailboxes.Should().ContainSingle().Subject;
        replyTo.Address.Should().MatchRegex("^reply\\+[a-z2-7]{26}@conversations\\.test$");

        // He answers as Gmail does: his words on top, the email quoted below "On … wrote:", his signature.
        var answer = new MimeMessage
        {
            Subject = "Re: " + email.Subject,
            InReplyTo = email.MessageId,
            Body = new TextPart("plain")
            {
                Text =
                    "Yes! Let's meet at the bridge at 6.\r\n\r\n-- \r\nBob Mailer\r\nRiverside cycling club\r\n\r\n"
                    + $"On Sun, Dec 6, 2026 at 9:14 PM Conversations <{replyTo.Address}> wrote:\r\n\r\n"
                    + string.Join("\r\n", (email.TextBody ?? "").Split('\n').Select(l => "> " + l.TrimEnd('\r'))),
            },
        };
        answer.References.Add(email.MessageId!);
        answer.From.Add(new MailboxAddress("Bob Mailer", bob.Email!));
        answer.To.Add(replyTo);
        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync("127.0.0.1", mail.SmtpPort, SecureSocketOptions.None);
            await smtp.SendAsync(answer);
            await smtp.DisconnectAsync(true);
        }

        // Alice, on the conversation, sees exactly his words arrive, without the quote or the signature.
        var bubbles = page.Locator(".message-bubble");
        await Expect(bubbles).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(bubbles.Last).ToHaveTextAsync("Yes! Let's meet at the bridge at 6.");
        await using var db = await mailing.Get<IDbContextFactory<ConversationsDbContext>>().CreateDbContextAsync();
        var posted = await db.Messages.Where(m => m.ConversationId == id).OrderBy(m => m.Seq).LastAsync();
        posted.Body.Should().Be("Yes! Let's meet at the bridge at 6.");
        posted.SenderId.Should().Be(bob.Id);
        await context.CloseAsync();
    }
}
