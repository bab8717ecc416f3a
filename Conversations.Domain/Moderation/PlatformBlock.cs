using System.Linq.Expressions;
using Conversations.Domain.Participants;

namespace Conversations.Domain.Moderation;

/// <summary>
/// The one rule for "blocked on the platform": the moderators blocked the participant (<see cref="PlatformBlocks"/>)
/// and the account has not been deleted since (a deleted account is only deleted). Nobody writes to them, the search
/// never shows them, nothing they wrote is emailed, and they do not sign in or act (<see cref="LivePerson"/>). Its SQL
/// spelling, for the hand-written statements, is held to the LINQ one by a truth-table test.
/// </summary>
public static class PlatformBlock
{
    public static readonly Expression<Func<Participant, bool>> Rule = p => p.BlockedAt != null && p.DeletedAt == null;

    /// <summary>The rule in SQL for the participant row aliased <paramref name="p"/>.</summary>
    public static string Sql(string p) => $"""({p}."BlockedAt" IS NOT NULL AND {p}."DeletedAt" IS NULL)""";
}
