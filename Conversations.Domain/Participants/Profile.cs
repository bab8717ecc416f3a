namespace Conversations.Domain.Participants;

/// <summary>What a profile page and an avatar show of a participant.</summary>
public sealed record Profile(Guid Id, string DisplayName, string Nickname, string About, int PictureVersion, DateTimeOffset JoinedAt)
{
    public bool HasPicture => PictureVersion > 0;
}
