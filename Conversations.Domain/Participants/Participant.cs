using Microsoft.AspNetCore.Identity;

namespace Conversations.Domain.Participants;

/// <summary>A registered person: the account (through Identity) and its public profile.</summary>
public class Participant : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Always stored in its normal (lower-case) form, so uniqueness is case-insensitive.</summary>
    public string Nickname { get; set; } = "";

    public string About { get; set; } = "";

    /// <summary>Bumped on each new picture so browsers fetch the new one; 0 means no picture.</summary>
    public int PictureVersion { get; set; }

    public DateTimeOffset JoinedAt { get; set; }
}
