using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Web.Components.Account;

namespace Conversations.Web.Components.Messaging;

/// <summary>Finds the mailbox a page's address names; the domain decides who may act for a group.</summary>
public sealed class Mailboxes(SignedInParticipant me, ActForGroup actForGroup)
{
    /// <returns>Null when there is nobody signed in, or the group does not exist for them (not a manager).</returns>
    public async Task<Mailbox?> OpenAsync(string? groupNickname)
    {
        if (await me.IdAsync() is not { } personId)
        {
            return null;
        }

        if (string.IsNullOrEmpty(groupNickname))
        {
            return new Mailbox(Actor.Person(personId), null);
        }

        if (await me.ProfileAsync() is { } own && own.Nickname == Nickname.Normalize(groupNickname))
        {
            return new Mailbox(Actor.Person(personId), null, Misaddressed: true);
        }

        var group = await actForGroup.HandleAsync(personId, groupNickname);
        return group.Succeeded ? new Mailbox(group.Value.Actor, group.Value.Group) : null;
    }
}
