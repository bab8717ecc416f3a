namespace Conversations.Domain.Participants;

/// <summary>
/// What a profile page and an avatar show of a participant (a person or a group). A deleted account shows as
/// "Deleted participant" with a neutral avatar; a person an administrator blocked on the platform is marked
/// <see cref="IsBlocked"/>.
/// </summary>
public sealed record Profile(
    Guid Id,
    string DisplayName,
    string Nickname,
    string About,
    int PictureVersion,
    DateTimeOffset JoinedAt,
    bool IsGroup = false,
    bool IsDeleted = false,
    bool IsBlocked = false
)
{
    public const string DeletedName = "Deleted participant";

    public bool HasPicture => PictureVersion > 0 && !IsDeleted;
}
