using Conversations.Domain.Common;
using Conversations.Domain.Email;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Participants;

/// <summary>
/// Opens an account: checks every field, then stores the participant and, when the platform sends email, the email
/// with the link that confirms their address (<see cref="ConfirmedAddress"/>) — in one transaction, or nothing.
/// </summary>
public sealed class RegisterParticipant(
    UserManager<Participant> users,
    ConversationsDbContext db,
    IOptions<EmailOptions> emailOptions,
    IOptions<RateLimitOptions> limits,
    IOptions<LanguageOptions> languages,
    TimeProvider time
)
{
    public Task<Result<Participant>> HandleAsync(Registration input, CancellationToken cancellationToken = default) =>
        HandleAsync(input, addressConfirmed: false, cancellationToken);

    /// <param name="addressConfirmed">
    /// For accounts an operator opens (the demo's): confirmed, with no email, and with the password the operator
    /// documents (the demo's <c>Demo!2345</c> is shorter than <see cref="PasswordPolicy"/> asks of what people choose).
    /// </param>
    internal async Task<Result<Participant>> HandleAsync(
        Registration input,
        bool addressConfirmed,
        CancellationToken cancellationToken = default
    )
    {
        var errors = new List<FieldError>();
        var parsedEmail = EmailAddress.Parse(input.Email, "Email", ProblemCodes.EmailEmpty);
        var email = parsedEmail.Succeeded ? parsedEmail.Value : "";
        errors.AddRange(ErrorsOf(parsedEmail.Problem));
        var name = ProfileText.ParseDisplayName(input.DisplayName);
        var nickname = Nickname.Parse(input.Nickname);
        errors.AddRange(ErrorsOf(name.Problem).Concat(ErrorsOf(nickname.Problem)));
        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add(new FieldError("Password", ProblemCodes.PasswordEmpty));
        }

        if (errors.Count == 0 && await users.Users.AnyAsync(p => p.Nickname == nickname.Value, cancellationToken))
        {
            errors.Add(NicknameTaken(nickname.Value!));
        }

        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }

        var participant = new Participant
        {
            UserName = email,
            Email = email,
            DisplayName = name.Value!,
            Nickname = nickname.Value!,
            JoinedAt = Clock.Now(time),
            Language = Languages.Find(input.Language),
            EmailConfirmed = addressConfirmed || !emailOptions.Value.Enabled, // no email, nothing to confirm with
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!ConfirmedAddress.Holds(participant) && await users.FindByEmailAsync(email) is { } owner)
        {
            // The same answer as for a new address: a weak password is refused here too, before anything else.
            var weak = new List<IdentityError>();
            foreach (var validator in users.PasswordValidators)
            {
                weak.AddRange((await validator.ValidateAsync(users, participant, input.Password)).Errors);
            }

            return weak.Count > 0
                ? new Invalid(IdentityErrors.ToFieldErrors(weak))
                : await TellOwnerAsync(owner, input.Password, transaction, cancellationToken);
        }

        var created = await CreateAsync(participant, input.Password, validatePassword: !addressConfirmed);
        if (!created.Succeeded)
        {
            return created;
        }

        if (!ConfirmedAddress.Holds(participant))
        {
            // The first link counts among those they may ask for.
            _ = await RateLimiter.TakeLinkEmailAsync(
                db,
                limits.Value,
                participant.Id,
                LinkEmails.AddressConfirmation,
                cancellationToken
            );
            await SendAddressConfirmation.AddEmailAsync(
                db,
                users,
                emailOptions.Value,
                participant,
                languages.Value,
                time.GetUtcNow()
            );
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return participant;
    }

    /// <summary>
    /// Someone registers with an address that has an account while email is on: nothing is created, the address is told
    /// (at most <see cref="RateLimitOptions.LinkEmailsPerHour"/> an hour), and the caller gets <see cref="AddressAlreadyUsed"/>
    /// to answer exactly as it answers a new account waiting for confirmation — at the same cost: a password is hashed
    /// either way, so the time does not tell either.
    /// </summary>
    private async Task<Result<Participant>> TellOwnerAsync(
        Participant owner,
        string password,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        CancellationToken cancellationToken
    )
    {
        _ = users.PasswordHasher.HashPassword(owner, password);
        if (
            owner.Email is { } address
            && await RateLimiter.TakeLinkEmailAsync(
                db,
                limits.Value,
                owner.Id,
                LinkEmails.AddressTaken,
                cancellationToken
            )
                is null
        )
        {
            var site = emailOptions.Value.Site;
            var content = AddressTakenEmail.Compose(
                site,
                emailOptions.Value.PlatformName,
                languages.Value.CultureFor(owner.Language)
            );
            LinkEmails.Add(
                db,
                LinkEmails.AddressTaken,
                owner.Id,
                address,
                content,
                emailOptions.Value,
                time.GetUtcNow()
            );
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AddressAlreadyUsed();
    }

    private async Task<Result<Participant>> CreateAsync(Participant participant, string password, bool validatePassword)
    {
        try
        {
            if (!validatePassword)
            {
                participant.PasswordHash = users.PasswordHasher.HashPassword(participant, password);
            }

            var created = validatePassword
                ? await users.CreateAsync(participant, password)
                : await users.CreateAsync(participant);
            return created.Succeeded ? participant : new Invalid(IdentityErrors.ToFieldErrors(created.Errors));
        }
        catch (DbUpdateException exception) when (UniqueViolation.ConstraintOf(exception) is { } constraint)
        {
            // Another registration took the same nickname or email between our check and our insert.
            return constraint == ParticipantConfiguration.NicknameIndex
                ? new Invalid([NicknameTaken(participant.Nickname)])
                : new Invalid([IdentityErrors.EmailTaken]);
        }
    }

    private static FieldError NicknameTaken(string nickname) => new("Nickname", ProblemCodes.NicknameTaken, nickname);

    private static IEnumerable<FieldError> ErrorsOf(Problem? problem) =>
        problem is Invalid invalid ? invalid.Errors : [];
}
