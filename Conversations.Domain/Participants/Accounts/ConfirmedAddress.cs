using System.Linq.Expressions;
using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>
/// The one rule for "may write": a person starts conversations and writes (in their own name or a group's) only once
/// they have confirmed their email address by following the link sent at registration. Until then they sign in and
/// read. When the platform sends no email (no SMTP server configured) there is nothing to confirm with, and accounts
/// open confirmed (<see cref="RegisterParticipant"/>). Its SQL spelling, in the reply's statement, is held to the LINQ
/// one by a truth-table test.
/// </summary>
public static class ConfirmedAddress
{
    public static readonly Expression<Func<Participant, bool>> Rule = p => p.EmailConfirmed;

    /// <summary>The rule in SQL for the participant row aliased <paramref name="p"/>.</summary>
    public static string Sql(string p) => $"""{p}."EmailConfirmed" """;

    private static readonly Func<Participant, bool> Compiled = Rule.Compile();

    /// <summary>The rule for a row already loaded.</summary>
    public static bool Holds(Participant participant) => Compiled(participant);

    public static Task<bool> HoldsAsync(
        ConversationsDbContext db,
        Guid personId,
        CancellationToken cancellationToken
    ) => db.Participants.Where(p => p.Id == personId).Where(Rule).AnyAsync(cancellationToken);

    public static AddressNotConfirmed Refusal => new();
}
