using Conversations.Domain.Common;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Domain.Groups;

/// <summary>What every change to a group's members shares: one change at a time per group, and the checks on roles.</summary>
internal static class GroupGate
{
    public static NotFound GroupNotFound => new(ProblemCodes.GroupNotFound);

    public static NotAllowed OnlyManagers => new(ProblemCodes.GroupManagersOnly);

    public static NotAllowed LastManager => new(ProblemCodes.GroupLastManager);

    /// <summary>
    /// Locks the group's row until the transaction ends, so that two concurrent changes cannot, say, both remove
    /// the last manager. False when there is no such group.
    /// </summary>
    internal static async Task<bool> LockAsync(
        ConversationsDbContext db,
        Guid groupId,
        CancellationToken cancellationToken
    ) =>
        (
            await db
                .Database.SqlQuery<Guid>(
                    $"""
                    SELECT "Id" AS "Value" FROM "Participants" WHERE "Id" = {groupId} AND "IsGroup" FOR UPDATE
                    """
                )
                .ToListAsync(cancellationToken)
        ).Count == 1;

    /// <summary>Locks the group for a change that only its managers may make.</summary>
    /// <returns>The problem that stops the change, or null when the person manages the group.</returns>
    internal static async Task<Problem?> LockForManagerAsync(
        ConversationsDbContext db,
        Guid groupId,
        Guid managerId,
        CancellationToken cancellationToken
    )
    {
        if (!await LockAsync(db, groupId, cancellationToken))
        {
            return GroupNotFound;
        }

        return
            await MembershipAsync(db, groupId, managerId, cancellationToken) is { } membership
            && membership.Role.IsManager()
            ? null
            : OnlyManagers;
    }

    internal static Task<GroupMember?> MembershipAsync(
        ConversationsDbContext db,
        Guid groupId,
        Guid personId,
        CancellationToken cancellationToken
    ) => db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == groupId && m.MemberId == personId, cancellationToken);

    internal static Task<int> ManagerCountAsync(
        ConversationsDbContext db,
        Guid groupId,
        CancellationToken cancellationToken
    ) => Managers.Of(db, groupId).CountAsync(cancellationToken);

    /// <summary>
    /// A person starts managing the group (promoted, or re-promoted): their read position in each of its conversations
    /// starts at its latest message, as in Decidim, so only what arrives from now on is unread to them. Then their open
    /// screens are told to recount.
    /// </summary>
    internal static async Task StartManagingAsync(
        ConversationsDbContext db,
        Guid groupId,
        Guid personId,
        CancellationToken cancellationToken
    )
    {
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq")
            SELECT cm."ConversationId", cm."ParticipantId", {personId}, cm."LastSeq"
              FROM "ConversationMembers" cm
             WHERE cm."ParticipantId" = {groupId}
            ON CONFLICT ("ConversationId", "GroupId", "ManagerId")
               DO UPDATE SET "LastReadSeq" = GREATEST("GroupReadPositions"."LastReadSeq", EXCLUDED."LastReadSeq")
            """,
            cancellationToken
        );
        await TellAsync(db, groupId, personId, cancellationToken);
    }

    /// <summary>
    /// A person stops managing the group: their read state in its conversations goes, and their open screens are
    /// told to recount (access itself is checked against the roles on every request).
    /// </summary>
    internal static async Task StopManagingAsync(
        ConversationsDbContext db,
        Guid groupId,
        Guid personId,
        CancellationToken cancellationToken
    )
    {
        await db
            .GroupReadPositions.Where(r => r.GroupId == groupId && r.ManagerId == personId)
            .ExecuteDeleteAsync(cancellationToken);
        await TellAsync(db, groupId, personId, cancellationToken);
    }

    internal static Task TellAsync(
        ConversationsDbContext db,
        Guid groupId,
        Guid personId,
        CancellationToken cancellationToken
    ) =>
        EventPublisher.PublishAsync(
            db,
            EventEnvelope.RolesChanged(new GroupRolesChanged(new GroupId(groupId), new PersonId(personId))),
            cancellationToken
        );
}
