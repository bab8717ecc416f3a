using Microsoft.AspNetCore.Identity;

namespace Conversations.Domain.Participants;

/// <summary>
/// A participant of conversations: a registered person (the account, through Identity) or a user group.
/// Both share one table so that nicknames share one namespace and a conversation's set can mix them. A group
/// has no email and no password, so it can never sign in.
/// </summary>
public class Participant : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Always stored in its normal (lower-case) form, so uniqueness is case-insensitive.</summary>
    public string Nickname { get; set; } = "";

    public string About { get; set; } = "";

    /// <summary>Bumped on each new picture so browsers fetch the new one; 0 means no picture.</summary>
    public int PictureVersion { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>A user group: its members act through its managers (see <c>Groups/</c>).</summary>
    public bool IsGroup { get; set; }

    /// <summary>"Allow anyone to send me a direct message, even if I do not follow them" (on by default).</summary>
    public bool AcceptsMessagesFromAnyone { get; set; } = true;

    /// <summary>"Email me about new messages" (on by default): unread messages left unread for a while are mailed.</summary>
    public bool EmailAboutMessages { get; set; } = true;

    /// <summary>
    /// With <see cref="AcceptsMessagesFromAnyone"/>: a stranger's first message arrives as a message request (see
    /// <c>Messaging/MessageRequests</c>). On for new accounts and groups; accounts opened before requests existed keep "anyone".
    /// </summary>
    public bool StrangersAsRequests { get; set; } = true;

    /// <summary>"Show message text in notifications" (off by default: lock screens are public): pushes carry the text too.</summary>
    public bool PushShowsText { get; set; }

    /// <summary>
    /// The person's time zone (an IANA id such as <c>Europe/Madrid</c>): taken from their browser on their first visit,
    /// changeable in Settings; times on pages and in emails are shown in it. None: UTC.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// The language the person chose (<c>ca</c>, <c>es</c>, …, see <see cref="Languages"/>): pages and their emails speak
    /// it. None: the language their browser asked for when they last came, else the platform's default.
    /// </summary>
    public string? Language { get; set; }

    /// <summary>
    /// When an administrator blocked the person on the whole platform (see <c>Moderation</c>): they cannot sign in or act,
    /// nobody finds them or writes to them; their conversations stay readable. None: not blocked.
    /// </summary>
    public DateTimeOffset? BlockedAt { get; set; }

    /// <summary>When the account was deleted: its personal data is gone, its nickname stays reserved.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
