using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Participants;

/// <summary>
/// "Send the link again": a new address-confirmation link to a signed-in person whose address is not confirmed yet, at
/// most <see cref="RateLimitOptions.LinkEmailsPerHour"/> an hour (the one sent at registration counts). Answers with
/// the address it went to.
/// </summary>
public sealed class SendAddressConfirmation(
    UserManager<Participant> users,
    ConversationsDbContext db,
    IOptions<EmailOptions> email,
    IOptions<RateLimitOptions> limits,
    IOptions<LanguageOptions> languages,
    TimeProvider time
)
{
    public async Task<Result<string>> HandleAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var person = await users.FindByIdAsync(personId.ToString());
        if (!LivePerson.Is(person) || person.Email is null)
        {
            return LivePerson.AccountGone;
        }

        if (ConfirmedAddress.Holds(person))
        {
            return new NotAllowed(ProblemCodes.AlreadyConfirmed);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (
            await RateLimiter.TakeLinkEmailAsync(
                db,
                limits.Value,
                person.Id,
                LinkEmails.AddressConfirmation,
                cancellationToken
            ) is
            { } tooMany
        )
        {
            return tooMany;
        }

        await AddEmailAsync(db, users, email.Value, person, languages.Value, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return person.Email;
    }

    /// <summary>The confirmation email for <paramref name="person"/>, added to the outbox through <paramref name="db"/> (saved by the caller).</summary>
    internal static async Task AddEmailAsync(
        ConversationsDbContext db,
        UserManager<Participant> users,
        EmailOptions email,
        Participant person,
        LanguageOptions languages,
        DateTimeOffset now
    )
    {
        var site = email.Site;
        var token = await users.GenerateEmailConfirmationTokenAsync(person);
        var link = new Uri(site, $"{Links.ConfirmAddress}?user={person.Id}&code={LinkEmails.Code(token)}");
        LinkEmails.Add(
            db,
            LinkEmails.AddressConfirmation,
            person.Id,
            person.Email!,
            AddressConfirmationEmail.Compose(
                person.DisplayName,
                link.ToString(),
                email.PlatformName,
                languages.CultureFor(person.Language)
            ),
            email,
            now
        );
    }
}
