using Conversations.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Conversations.Domain.Participants;

/// <summary>The link from the confirmation email: the address is the person's, from now on they may write.</summary>
public sealed class ConfirmAddress(UserManager<Participant> users)
{
    public async Task<Result<string>> HandleAsync(
        string? userId,
        string? code,
        CancellationToken cancellationToken = default
    )
    {
        var token = Email.LinkEmails.Token(code);
        var person = Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        if (token is null || !LivePerson.Is(person) || person.Email is null)
        {
            return new Invalid("", ProblemCodes.ConfirmLinkNotValid);
        }

        var confirmed = await users.ConfirmEmailAsync(person, token);
        return confirmed.Succeeded ? person.Email : new Invalid("", ProblemCodes.ConfirmLinkNotValid);
    }
}
