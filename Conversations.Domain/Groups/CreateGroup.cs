using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Groups;

public sealed record CreateGroupCommand(
    Guid CreatorId,
    string? Name,
    string? Nickname,
    string? Description,
    byte[]? Picture = null
);

/// <summary>
/// Any person creates a group and becomes its creator (its first manager). The group's nickname shares one
/// namespace with people's. Everything is checked first; then the group, its creator and its picture are stored
/// together, or nothing.
/// </summary>
public sealed class CreateGroup(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<RateLimitOptions> limits,
    TimeProvider time
)
{
    public const int NameMaxLength = ProfileText.DisplayNameMaxLength;
    public const int DescriptionMaxLength = ProfileText.AboutMaxLength;

    public async Task<Result<Profile>> HandleAsync(
        CreateGroupCommand command,
        CancellationToken cancellationToken = default
    )
    {
        var errors = new List<FieldError>();
        var name = (command.Name ?? "").Trim();
        var description = (command.Description ?? "").Replace("\r", "", StringComparison.Ordinal).Trim();
        if (name.Length == 0 || VisibleText.IsBlank(name))
        {
            errors.Add(new FieldError("Name", ProblemCodes.GroupNameEmpty));
        }
        else if (!StorableText.IsStorable(name))
        {
            errors.Add(new FieldError("Name", ProblemCodes.GroupNameNotStorable));
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(new FieldError("Name", ProblemCodes.GroupNameTooLong, NameMaxLength));
        }

        var nickname = Participants.Nickname.Parse(command.Nickname);
        if (nickname.Problem is Invalid invalidNickname)
        {
            errors.AddRange(invalidNickname.Errors);
        }

        if (!StorableText.IsStorable(description))
        {
            errors.Add(new FieldError("Description", ProblemCodes.GroupDescriptionNotStorable));
        }
        else if (description.Length > DescriptionMaxLength)
        {
            errors.Add(new FieldError("Description", ProblemCodes.GroupDescriptionTooLong, DescriptionMaxLength));
        }

        var picture = command.Picture is { Length: > 0 } bytes
            ? Participants.Picture.Prepare(bytes)
            : (Result<PreparedPicture>?)null;
        if (picture?.Problem is Invalid invalidPicture)
        {
            errors.AddRange(invalidPicture.Errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (nickname.Succeeded && await db.Participants.AnyAsync(p => p.Nickname == nickname.Value, cancellationToken))
        {
            errors.Add(NicknameTaken(nickname.Value));
        }

        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }

        if (!await LivePerson.ExistsAsync(db, command.CreatorId, cancellationToken))
        {
            return LivePerson.AccountGone;
        }

        if (await RateLimiter.TakeGroupAsync(db, limits.Value, command.CreatorId, cancellationToken) is { } tooOften)
        {
            return tooOften;
        }

        var now = Clock.Now(time);
        var group = new Participant
        {
            Id = Guid.CreateVersion7(),
            IsGroup = true,
            DisplayName = name,
            Nickname = nickname.Value!,
            About = description,
            JoinedAt = now,
            PictureVersion = picture is null ? 0 : 1,
            StrangersAsRequests = false, // a group is there to be reached; its managers may choose requests (SetMessagePreference)
        };
        db.Participants.Add(group);
        db.GroupMembers.Add(
            new GroupMember
            {
                GroupId = group.Id,
                MemberId = command.CreatorId,
                Role = GroupRole.Creator,
                JoinedAt = now,
            }
        );
        if (picture is { Value: { } prepared })
        {
            db.ParticipantPictures.Add(
                new ParticipantPicture
                {
                    ParticipantId = group.Id,
                    Content = prepared.Content,
                    ContentType = prepared.ContentType,
                }
            );
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
            when (UniqueViolation.ConstraintOf(exception) == ParticipantConfiguration.NicknameIndex)
        {
            // Someone took the nickname between our check and our insert.
            return new Invalid([NicknameTaken(group.Nickname)]);
        }

        return ProfileProjection.Of(group);
    }

    private static FieldError NicknameTaken(string nickname) => new("Nickname", ProblemCodes.NicknameTaken, nickname);
}
