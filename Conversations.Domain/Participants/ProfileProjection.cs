using System.Linq.Expressions;

namespace Conversations.Domain.Participants;

/// <summary>The one way a participant row becomes a <see cref="Profile"/> in queries.</summary>
internal static class ProfileProjection
{
    public static readonly Expression<Func<Participant, Profile>> FromParticipant =
        p => new Profile(p.Id, p.DisplayName, p.Nickname, p.About, p.PictureVersion, p.JoinedAt, p.IsGroup, p.DeletedAt != null);
}
