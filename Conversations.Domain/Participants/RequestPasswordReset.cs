using System.Text;
using Conversations.Domain.Email;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Participants;

/// <summary>
/// "Forgot your password?": a link to choose a new one goes, through the outbox, to the address if it belongs to a live
/// account (Identity's token: valid an hour, void once used, since using it changes the security stamp). The caller
/// answers the same whether or not the address exists.
/// </summary>
public sealed class RequestPasswordReset(UserManager<Participant> users, IDbContextFactory<ConversationsDbContext> contexts, IOptions<EmailOptions> options, TimeProvider time)
{
    public async Task HandleAsync(string email, CancellationToken cancellationToken = default)
    {
        var person = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (person is null || person.DeletedAt is not null || person.IsGroup || person.Email is null)
        {
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(person);
        var site = options.Value.Site;
        var link = new Uri(site, $"Account/ResetPassword?email={Uri.EscapeDataString(person.Email)}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}");
        var (subject, text, html) = PasswordResetEmail.Compose(person.DisplayName, link.ToString());
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.OutboxEmails.Add(new OutboxEmail
        {
            MessageId = $"password-reset.{person.Id:N}.{Guid.NewGuid():N}@{site.Host}",
            To = person.Email,
            Subject = subject,
            TextBody = text,
            HtmlBody = html,
            CreatedAt = now,
            DueAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
