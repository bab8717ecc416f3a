using System.Globalization;
using System.Resources;
using Conversations.Domain.Common;
using Conversations.Domain.Participants;

namespace Conversations.Web.Localization;

/// <summary>
/// Words of the markup-only fragments rendered by the dozen (avatars, unread pills: no component, so no injected
/// localizer), from <c>SharedWords.resx</c> and its languages, in the page's language.
/// </summary>
public static class SharedWords
{
    private static readonly ResourceManager Resources = new(
        typeof(SharedWords).FullName!,
        typeof(SharedWords).Assembly
    );

    /// <summary>A participant's name as shown: a deleted account's is "Deleted participant" in the page's language.</summary>
    public static string NameOf(Profile profile) =>
        profile.IsDeleted ? Get("Deleted participant") : profile.DisplayName;

    /// <summary>"1 unread message", "3 unread messages", as screen readers say a badge.</summary>
    public static string UnreadLabel(int count) =>
        string.Format(
            CultureInfo.CurrentCulture,
            Get(Plurals.IsOne(CultureInfo.CurrentUICulture, count) ? "{0} unread message" : "{0} unread messages"),
            count.ToString("N0", CultureInfo.CurrentCulture)
        );

    /// <summary>A member's role in a group, as its chip says it: "creator", "admin", "member".</summary>
    public static string RoleOf(Conversations.Domain.Groups.GroupRole role) =>
        role switch
        {
            Conversations.Domain.Groups.GroupRole.Creator => Get("creator"),
            Conversations.Domain.Groups.GroupRole.Admin => Get("admin"),
            _ => Get("member"),
        };

    /// <summary>The body of a request refused before any page ran: too large, or unreadable.</summary>
    public static string RequestRefused(bool tooLarge) =>
        Get(tooLarge ? "The request is too large." : "The request could not be read.");

    /// <summary>The body of a request refused at the door for a control or direction character in its address or form.</summary>
    public static string RequestNotPlain() =>
        Get("The request holds characters that cannot be used here (control or text-direction characters).");

    /// <summary>The offline page's words (no personal data: the service worker keeps it).</summary>
    public static (string Title, string Text, string Retry) Offline() =>
        (
            Get("You are offline"),
            Get("Your conversations come back as soon as your device is online again. Nothing you typed is lost."),
            Get("Try again")
        );

    /// <summary>The installed app's description in its manifest.</summary>
    public static string AppDescription() =>
        Get("Private messages between the residents, associations and city of a participation platform.");

    private static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
