using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Participants;

/// <summary>
/// "Forgot your password?": a link to choose a new one goes, through the outbox, to the address if it belongs to a live
/// account (Identity's token: valid an hour, void once used, since using it changes the security stamp). The caller
/// answers the same whether or not the address exists. At most <see cref="RateLimitOptions.LinkEmailsPerHour"/> such emails
/// an hour go to one account, so the form cannot be used to flood someone's mailbox.
/// </summary>
public sealed class RequestPasswordReset(
    UserManager<Participant> users,
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<EmailOptions> options,
    IOptions<RateLimitOptions> limits,
    IOptions<LanguageOptions> languages,
    TimeProvider time,
    ILogger<RequestPasswordReset> logger
)
{
    public async Task HandleAsync(string email, CancellationToken cancellationToken = default)
    {
        var person = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (!LivePerson.Is(person) || person.Email is null)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (
            await RateLimiter.TakeLinkEmailAsync(
                db,
                limits.Value,
                person.Id,
                LinkEmails.PasswordReset,
                cancellationToken
            ) is
            { } tooMany
        )
        {
            // The page answers the same: only the owner of the address could tell, by the emails that do not come.
            logger.LogInformation(
                "A password reset for participant {ParticipantId} was not sent: asked too often (next in {Wait})",
                person.Id,
                tooMany.RetryAfter
            );
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(person);
        var site = options.Value.Site;
        var link = new Uri(
            site,
            $"{Links.ResetPassword}?email={Uri.EscapeDataString(person.Email)}&code={LinkEmails.Code(token)}"
        );
        LinkEmails.Add(
            db,
            LinkEmails.PasswordReset,
            person.Id,
            person.Email,
            PasswordResetEmail.Compose(
                person.DisplayName,
                link.ToString(),
                options.Value.PlatformName,
                languages.Value.CultureFor(person.Language)
            ),
            options.Value,
            time.GetUtcNow()
        );
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
