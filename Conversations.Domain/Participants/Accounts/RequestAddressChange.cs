using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Participants;

/// <summary>
/// Settings → a new email address: with the current password, a link goes to the new address, and the account keeps
/// its address until that link is followed (<see cref="ConfirmAddressChange"/>). When another account already uses the
/// new address, that address is told so instead, and the answer here is the same: nobody learns from this form which
/// addresses have accounts. At most <see cref="RateLimitOptions.LinkEmailsPerHour"/> an hour. When the platform sends
/// no email, the address changes at once (there is nothing to confirm with).
/// </summary>
public sealed class RequestAddressChange(
    UserManager<Participant> users,
    ConversationsDbContext db,
    IOptions<EmailOptions> email,
    IOptions<RateLimitOptions> limits,
    IOptions<LanguageOptions> languages,
    TimeProvider time
)
{
    public async Task<Result<AddressChangeRequested>> HandleAsync(
        Guid personId,
        string? newAddress,
        string? password,
        CancellationToken cancellationToken = default
    )
    {
        var person = await users.FindByIdAsync(personId.ToString());
        if (!LivePerson.Is(person) || person.Email is null)
        {
            return LivePerson.AccountGone;
        }

        var parsed = EmailAddress.Parse(newAddress, "NewEmail", ProblemCodes.NewEmailEmpty);
        if (!parsed.Succeeded)
        {
            return parsed.Problem;
        }

        var address = parsed.Value;

        if (string.Equals(address, person.Email, StringComparison.OrdinalIgnoreCase))
        {
            return new Invalid("NewEmail", ProblemCodes.EmailSame);
        }

        if (await PasswordTries.CheckAsync(users, person, password, time) is { } wrong)
        {
            return wrong;
        }

        if (!email.Value.Enabled)
        {
            return await ChangeAtOnceAsync(person, address);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (
            await RateLimiter.TakeLinkEmailAsync(
                db,
                limits.Value,
                person.Id,
                LinkEmails.AddressChange,
                cancellationToken
            ) is
            { } tooMany
        )
        {
            return tooMany;
        }

        var site = email.Value.Site;
        var now = time.GetUtcNow();
        if (await users.FindByEmailAsync(address) is { } owner)
        {
            var content = AddressTakenEmail.Compose(
                site,
                email.Value.PlatformName,
                languages.Value.CultureFor(owner.Language)
            );
            LinkEmails.Add(db, LinkEmails.AddressChange, person.Id, address, content, email.Value, now);
        }
        else
        {
            var token = await users.GenerateChangeEmailTokenAsync(person, address);
            var link = new Uri(
                site,
                $"{Links.ConfirmAddressChange}?user={person.Id}&email={Uri.EscapeDataString(address)}&code={LinkEmails.Code(token)}"
            );
            LinkEmails.Add(
                db,
                LinkEmails.AddressChange,
                person.Id,
                address,
                AddressChangeEmail.Compose(
                    person.DisplayName,
                    address,
                    link.ToString(),
                    email.Value.PlatformName,
                    languages.Value.CultureFor(person.Language)
                ),
                email.Value,
                now
            );
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AddressChangeRequested(address, ChangedNow: false);
    }

    private async Task<Result<AddressChangeRequested>> ChangeAtOnceAsync(Participant person, string address)
    {
        var token = await users.GenerateChangeEmailTokenAsync(person, address);
        var changed = await ConfirmAddressChange.ChangeAsync(users, db, person, address, token);
        return changed.Succeeded ? new AddressChangeRequested(address, ChangedNow: true) : changed.Problem;
    }
}

/// <param name="ChangedNow">True when the platform sends no email and the address changed at once; otherwise a link went to it.</param>
public sealed record AddressChangeRequested(string NewAddress, bool ChangedNow);
