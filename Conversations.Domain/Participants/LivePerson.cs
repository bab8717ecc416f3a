using System.Linq.Expressions;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Participants;

/// <summary>
/// The one rule for "a live person": a participant row that is a person (not a group) whose account is not deleted and
/// who is not blocked on the platform. Only a live person signs in, acts, is added to a group or changes a profile. Its SQL spelling, for the hand-written
/// statements of the hot paths, is held to the LINQ one by a truth-table test.
/// </summary>
public static class LivePerson
{
    public static readonly Expression<Func<Participant, bool>> Rule = p =>
        !p.IsGroup && p.DeletedAt == null && p.BlockedAt == null;

    /// <summary>The rule in SQL for the participant row aliased <paramref name="p"/>.</summary>
    public static string Sql(string p) =>
        $"""(NOT {p}."IsGroup" AND {DeletedAccount.NotSql(p)} AND NOT {Moderation.PlatformBlock.Sql(p)})""";

    private static readonly Func<Participant, bool> Compiled = Rule.Compile();

    /// <summary>The rule for a row already loaded (a found account), null meaning no such row.</summary>
    public static bool Is([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] Participant? participant) =>
        participant is not null && Compiled(participant);

    public static IQueryable<Participant> All(ConversationsDbContext db) => db.Participants.Where(Rule);

    public static Task<bool> ExistsAsync(
        ConversationsDbContext db,
        Guid personId,
        CancellationToken cancellationToken
    ) => All(db).AnyAsync(p => p.Id == personId, cancellationToken);

    /// <summary>What a person whose account is gone is told when they try to act (their sessions end within a minute).</summary>
    public static Common.NotFound AccountGone => new(Common.ProblemCodes.AccountNotFound);
}
