using System.Linq.Expressions;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// Nobody writes in the name of a group blocked on the platform: the answer to a manager who tries (its conversations
    /// stay readable), or null.
    /// </summary>
    internal static async Task<NotAllowed?> ActingForBlockedGroupAsync(
        ConversationsDbContext db,
        Actor actor,
        CancellationToken cancellationToken
    ) =>
        actor.ForGroup
        && await db
            .Participants.Where(p => p.Id == actor.ParticipantId)
            .Where(Rule)
            .Select(p => p.DisplayName)
            .FirstOrDefaultAsync(cancellationToken)
            is { } name
            ? GroupBlocked(name)
            : null;

    /// <summary>"{group} is blocked on the platform: nobody writes in its name."</summary>
    public static NotAllowed GroupBlocked(string groupName) => new(ProblemCodes.GroupPlatformBlocked, groupName);

    /// <summary>The rule in SQL for the participant row aliased <paramref name="p"/>.</summary>
    public static string Sql(string p) => $"""({p}."BlockedAt" IS NOT NULL AND {DeletedAccount.NotSql(p)})""";
}
