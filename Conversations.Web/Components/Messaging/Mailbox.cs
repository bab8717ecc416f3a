using Conversations.Domain.Common;
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
    public string BasePath => Links.InboxOf(Group?.Nickname);

    public string ConversationPath(Guid conversationId) => Links.Conversation(conversationId, Group?.Nickname);

    public string NewConversationPath(IEnumerable<string> nicknames) =>
        $"{Links.NewConversation(Group?.Nickname)}?to={Uri.EscapeDataString(string.Join(',', nicknames))}";

    /// <summary>The message requests waiting in this inbox.</summary>
    public string RequestsPath => Links.Requests(Group?.Nickname);

    /// <summary>Where this inbox's messages are searched (the results of <paramref name="words"/>).</summary>
    public string SearchPath(string? words = null) => Links.Search(Group?.Nickname, words);

    public string ConversationAtPath(Guid conversationId, long seq) =>
        Links.ConversationAt(conversationId, seq, Group?.Nickname);

    /// <summary>The conversations the reader archived from this inbox.</summary>
    public string ArchivedPath => Links.Archived(Group?.Nickname);
}
