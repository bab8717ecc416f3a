using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;

namespace Conversations.Web.Components.Messaging;

/// <summary>
/// Whose conversations a screen shows: the signed-in person's own, or those of a group they manage (then the
/// addresses live under the group's profile and everything is read and written in the group's name).
/// </summary>
/// <param name="Misaddressed">
/// The address named the person's own profile (<c>profiles/{own nickname}/conversations…</c>): the page sends them to
/// their own conversations' address.
/// </param>
public sealed record Mailbox(Actor Actor, Profile? Group, bool Misaddressed = false)
{
    public string BasePath => Group is null ? "conversations" : $"profiles/{Group.Nickname}/conversations";

    public string ConversationPath(Guid conversationId) => $"{BasePath}/{conversationId}";

    public string NewConversationPath(IEnumerable<string> nicknames) => $"{BasePath}/new?to={Uri.EscapeDataString(string.Join(',', nicknames))}";
}
