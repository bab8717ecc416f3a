namespace Conversations.Domain.Common;

/// <summary>
/// Every address the app builds — in pages, emails and pushes — relative to the site's base (pages have
/// <c>&lt;base href="/"&gt;</c>; emails join them to <c>Email:PublicUrl</c>). The pages' own routes are the
/// <c>@page</c> lines of <c>Components/Pages/&lt;Feature&gt;/</c>; a test opens each address built here.
/// </summary>
public static class Links
{
    public const string Inbox = "conversations";

    public const string Settings = "settings";

    public const string Moderation = "moderation";

    public const string CreateGroup = "groups/new";

    public const string Login = "Account/Login";

    public const string Register = "Account/Register";

    public const string ForgotPassword = "Account/ForgotPassword";

    public const string ConfirmAddress = "Account/ConfirmAddress";

    public const string ChangeEmail = "Account/ChangeEmail";

    public const string ConfirmAddressChange = "Account/ConfirmAddressChange";

    public const string ResetPassword = "Account/ResetPassword";

    public const string DeleteAccount = "Account/Delete";

    public const string AccountDeleted = "Account/Deleted";

    public const string TooManyWindows = "Account/TooManyWindows";

    public const string Logout = "Account/Logout";

    public const string DataExport = "account/data";

    /// <summary>A person's or a group's profile.</summary>
    public static string Profile(string nickname) => $"profiles/{nickname}";

    /// <summary>The inbox: the person's own, or the one of the group they manage.</summary>
    public static string InboxOf(string? groupNickname) =>
        groupNickname is null ? Inbox : $"profiles/{groupNickname}/conversations";

    /// <summary>The message requests waiting in that inbox.</summary>
    public static string Requests(string? groupNickname = null) => $"{InboxOf(groupNickname)}/requests";

    /// <summary>The conversations archived from that inbox (each reader's own).</summary>
    public static string Archived(string? groupNickname = null) => $"{InboxOf(groupNickname)}/archived";

    /// <summary>Search in the messages of that inbox; with <paramref name="words"/>, its results.</summary>
    public static string Search(string? groupNickname = null, string? words = null) =>
        words is null
            ? $"{InboxOf(groupNickname)}/search"
            : $"{InboxOf(groupNickname)}/search?q={Uri.EscapeDataString(words)}";

    /// <summary>A conversation opened at one of its messages (a search's result).</summary>
    public static string ConversationAt(Guid conversationId, long seq, string? groupNickname = null) =>
        $"{Conversation(conversationId, groupNickname)}?at={seq}";

    /// <summary>A conversation, read as the person, or as one of the managers of the group named.</summary>
    public static string Conversation(Guid conversationId, string? groupNickname = null) =>
        $"{InboxOf(groupNickname)}/{conversationId}";

    /// <summary>A new conversation from that inbox.</summary>
    public static string NewConversation(string? groupNickname = null) => $"{InboxOf(groupNickname)}/new";

    /// <summary>A new conversation with someone (a nickname), from the person's own inbox.</summary>
    public static string NewConversationWith(string nickname) =>
        $"{NewConversation()}?to={Uri.EscapeDataString(nickname)}";

    /// <summary>The log-in page, coming back to <paramref name="returnUrl"/> after.</summary>
    public static string LoginThen(string returnUrl) => $"{Login}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>The registration page, coming back to <paramref name="returnUrl"/> after.</summary>
    public static string RegisterThen(string returnUrl) => $"{Register}?returnUrl={Uri.EscapeDataString(returnUrl)}";
}
