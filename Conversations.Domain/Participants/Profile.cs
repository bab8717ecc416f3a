namespace Conversations.Domain.Participants;

/// <summary>What a profile page and an avatar show of a participant (a person or a group).</summary>
public sealed record Profile(Guid Id, string DisplayName, string Nickname, string About, int PictureVersion, DateTimeOffset JoinedAt, bool IsGroup = false)
{
    public bool HasPicture => PictureVersion > 0;
}
