using System.Linq.Expressions;

namespace Conversations.Domain.Participants;

/// <summary>
/// How a whole participant row becomes a <see cref="Profile"/>: in LINQ queries (<see cref="FromParticipant"/>) and for a
/// row already loaded (<see cref="Of"/>). The hand-written statements of the hot paths (inbox, conversation, badge) and
/// the queries that join members to their groups read only the columns they show and build their profiles in place.
/// </summary>
internal static class ProfileProjection
{
    public static readonly Expression<Func<Participant, Profile>> FromParticipant = p => new Profile(
        p.Id,
        p.DisplayName,
        p.Nickname,
        p.About,
        p.PictureVersion,
        p.JoinedAt,
        p.IsGroup,
        p.DeletedAt != null,
        p.BlockedAt != null
    );

    private static readonly Func<Participant, Profile> Compiled = FromParticipant.Compile();

    public static Profile Of(Participant participant) => Compiled(participant);
}
