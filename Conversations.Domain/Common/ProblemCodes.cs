namespace Conversations.Domain.Common;

/// <summary>
/// Every code a <see cref="Problem"/> or <see cref="FieldError"/> may carry, with the arguments it brings in brackets; the
/// words for each live in the Web's resource files (<c>Problems.resx</c> and its languages), and a test fails when one is
/// missing there.
/// </summary>
public static class ProblemCodes
{
    public const string NotFound = "NotFound";
    public const string Invalid = "Invalid";
    public const string AddressNotConfirmed = "AddressNotConfirmed";
    public const string AddressAlreadyUsed = "AddressAlreadyUsed";

    /// <summary>(wait)</summary>
    public const string TooManyPasswordTries = "TooManyPasswordTries";

    /// <summary>(wait)</summary>
    public const string TooOften = "TooOften";

    /// <summary>(wait)</summary>
    public const string TooManyLinks = "TooManyLinks";

    /// <summary>(wait)</summary>
    public const string SendingTooFast = "SendingTooFast";

    public const string ConversationNotFound = "ConversationNotFound";
    public const string GroupNotFound = "GroupNotFound";
    public const string AccountNotFound = "AccountNotFound";
    public const string ParticipantNotFound = "ParticipantNotFound";
    public const string NotAGroupMember = "NotAGroupMember";
    public const string NotYourselfAMember = "NotYourselfAMember";

    public const string RecipientsNone = "Recipients.None";
    public const string RecipientsSelf = "Recipients.Self";
    public const string RecipientsTwice = "Recipients.Twice";

    /// <summary>(at most, how many to remove)</summary>
    public const string RecipientsTooMany = "Recipients.TooMany";
    public const string RecipientsUnknown = "Recipients.Unknown";
    public const string RecipientsDeleted = "Recipients.Deleted";

    /// <summary>(name)</summary>
    public const string NotAccepting = "Consent.NotAccepting";

    /// <summary>(names, joined)</summary>
    public const string NotAcceptingMany = "Consent.NotAcceptingMany";
    public const string ReadOnly = "Consent.ReadOnly";

    public const string WhoMayWriteUnknown = "WhoMayWrite.Unknown";

    /// <summary>A push subscription's endpoint is not one of the known push services.</summary>
    public const string PushEndpointRefused = "Push.EndpointRefused";
    public const string PushKeysRefused = "Push.KeysRefused";

    /// <summary>The conversation is a message request to the writer: they accept it to answer.</summary>
    public const string RequestToAnswer = "Request.ToAnswer";

    /// <summary>(names, joined) The writer's request waits for them to accept it.</summary>
    public const string RequestWaiting = "Request.Waiting";

    public const string MessageEmpty = "Message.Empty";

    /// <summary>The message was refused for a reason none of the checks names (a rule changed between two of them): logged.</summary>
    public const string MessageNotSent = "Message.NotSent";
    public const string MessageNotStorable = "Message.NotStorable";

    /// <summary>(at most, its length, how many too many)</summary>
    public const string MessageTooLong = "Message.TooLong";

    public const string GroupNameEmpty = "GroupName.Empty";
    public const string GroupNameNotStorable = "GroupName.NotStorable";

    /// <summary>(at most)</summary>
    public const string GroupNameTooLong = "GroupName.TooLong";
    public const string GroupDescriptionNotStorable = "GroupDescription.NotStorable";

    /// <summary>(at most)</summary>
    public const string GroupDescriptionTooLong = "GroupDescription.TooLong";
    public const string GroupOnlyManagerLeaving = "Group.OnlyManagerLeaving";
    public const string GroupOneCreator = "Group.OneCreator";
    public const string GroupCreatorRole = "Group.CreatorRole";
    public const string GroupRemoveYourself = "Group.RemoveYourself";
    public const string GroupCreatorRemoved = "Group.CreatorRemoved";
    public const string GroupManagersOnly = "Group.ManagersOnly";
    public const string GroupLastManager = "Group.LastManager";
    public const string InvitationNotFound = "Invitation.NotFound";

    public const string InviteNicknameEmpty = "Invite.NicknameEmpty";

    /// <summary>(nickname)</summary>
    public const string InviteGroup = "Invite.Group";

    /// <summary>(nickname)</summary>
    public const string InviteNobody = "Invite.Nobody";

    /// <summary>(nickname)</summary>
    public const string InviteAlreadyMember = "Invite.AlreadyMember";

    /// <summary>(nickname)</summary>
    public const string InviteAlreadyInvited = "Invite.AlreadyInvited";

    public const string NicknameEmpty = "Nickname.Empty";
    public const string NicknameRule = "Nickname.Rule";
    public const string NicknameReserved = "Nickname.Reserved";

    /// <summary>(nickname)</summary>
    public const string NicknameTaken = "Nickname.Taken";

    public const string DisplayNameEmpty = "DisplayName.Empty";
    public const string DisplayNameNotStorable = "DisplayName.NotStorable";
    public const string DisplayNameInvisible = "DisplayName.Invisible";

    /// <summary>(at most)</summary>
    public const string DisplayNameTooLong = "DisplayName.TooLong";
    public const string AboutNotStorable = "About.NotStorable";

    /// <summary>(at most)</summary>
    public const string AboutTooLong = "About.TooLong";

    public const string EmailEmpty = "Email.Empty";
    public const string NewEmailEmpty = "Email.NewEmpty";
    public const string EmailInvalid = "Email.Invalid";

    /// <summary>(at most)</summary>
    public const string EmailTooLong = "Email.TooLong";
    public const string EmailTaken = "Email.Taken";
    public const string EmailSame = "Email.Same";

    public const string PasswordEmpty = "Password.Empty";

    /// <summary>(at least)</summary>
    public const string PasswordTooShort = "Password.TooShort";
    public const string PasswordCommon = "Password.Common";
    public const string PasswordWrong = "Password.Wrong";
    public const string PasswordOther = "Password.Other";
    public const string PasswordsDiffer = "Password.Differ";
    public const string AccountOther = "Account.Other";

    public const string ConfirmLinkNotValid = "Link.ConfirmNotValid";
    public const string ResetLinkNotValid = "Link.ResetNotValid";
    public const string ChangeLinkNotValid = "Link.ChangeNotValid";
    public const string ChangeAddressTaken = "Link.ChangeAddressTaken";
    public const string AlreadyConfirmed = "Address.AlreadyConfirmed";

    public const string PictureEmpty = "Picture.Empty";

    /// <summary>(at most, in MB)</summary>
    public const string PictureTooBig = "Picture.TooBig";
    public const string PictureFormat = "Picture.Format";

    /// <summary>(at most, in megapixels)</summary>
    public const string PictureTooManyPixels = "Picture.TooManyPixels";
    public const string PictureUnreadable = "Picture.Unreadable";

    public const string TimeZoneUnknown = "TimeZone.Unknown";
    public const string LanguageUnknown = "Language.Unknown";

    public const string DeleteNotConfirmed = "Delete.NotConfirmed";

    public const string ReportYourself = "Report.Yourself";
    public const string ReportOwnGroup = "Report.OwnGroup";

    /// <summary>(group's name) A manager tries to write in the name of a group blocked on the platform.</summary>
    public const string GroupPlatformBlocked = "Moderation.GroupBlocked";
    public const string ReportAlreadyOpen = "Report.AlreadyOpen";
    public const string ReportReason = "Report.Reason";
    public const string ReportDetailsNotStorable = "Report.DetailsNotStorable";

    /// <summary>(at most)</summary>
    public const string ReportDetailsTooLong = "Report.DetailsTooLong";
    public const string ReportMessageNotFound = "Report.MessageNotFound";
    public const string MessageNotFound = "Message.NotFound";
    public const string SearchWordsEmpty = "Search.WordsEmpty";

    /// <summary>(at most)</summary>
    public const string SearchWordsTooLong = "Search.WordsTooLong";
    public const string SearchWordsNotPlain = "Search.WordsNotPlain";

    /// <summary>"Unread from here" on a message the reader wrote (in that capacity): one's own messages are never unread.</summary>
    public const string UnreadOwnMessage = "Unread.OwnMessage";
    public const string ModerationReasonEmpty = "Moderation.ReasonEmpty";
    public const string ModerationAlreadyBlocked = "Moderation.AlreadyBlocked";
    public const string ModerationNotBlocked = "Moderation.NotBlocked";
    public const string ModerationNoOpenReports = "Moderation.NoOpenReports";
    public const string ModerationNotYourself = "Moderation.NotYourself";

    /// <summary>(names, joined)</summary>
    public const string PlatformBlocked = "Consent.PlatformBlocked";

    /// <summary>Nobody may write to this participant: the moderators blocked them (said where there is no conversation, on a profile).</summary>
    public const string PlatformBlockedParticipant = "Consent.PlatformBlockedParticipant";
    public const string RecipientsBlocked = "Recipients.Blocked";
    public const string ThatIsYou = "Relationship.ThatIsYou";
}
