using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>Opens an account: checks every field, then stores the participant, or nothing.</summary>
public sealed class RegisterParticipant(UserManager<Participant> users, TimeProvider time)
{
    public async Task<Result<Participant>> HandleAsync(Registration input, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var email = (input.Email ?? "").Trim();
        if (email.Length == 0)
        {
            errors.Add(new FieldError("Email", "Enter your email address."));
        }
        else if (!StorableText.IsStorable(email))
        {
            errors.Add(new FieldError("Email", "Enter a valid email address, like name@example.org."));
        }

        var name = ProfileText.ParseDisplayName(input.DisplayName);
        var nickname = Nickname.Parse(input.Nickname);
        errors.AddRange(ErrorsOf(name.Problem).Concat(ErrorsOf(nickname.Problem)));
        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add(new FieldError("Password", "Choose a password."));
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
        };
        return await CreateAsync(participant, input.Password);
    }

    private async Task<Result<Participant>> CreateAsync(Participant participant, string password)
    {
        try
        {
            var created = await users.CreateAsync(participant, password);
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

    private static FieldError NicknameTaken(string nickname) =>
        new("Nickname", $"@{nickname} is already taken: choose another nickname.");

    private static IEnumerable<FieldError> ErrorsOf(Problem? problem) =>
        problem is Invalid invalid ? invalid.Errors : [];
}
