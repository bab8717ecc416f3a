using Conversations.Domain.Common;

namespace Conversations.Domain.Participants;

/// <summary>Rules for the free-text parts of a profile.</summary>
public static class ProfileText
{
    public const int DisplayNameMaxLength = 50;
    public const int AboutMaxLength = 500;

    public static Result<string> ParseDisplayName(string? input)
    {
        var name = (input ?? "").Trim();
        if (name.Length == 0)
        {
            return new Invalid("DisplayName", ProblemCodes.DisplayNameEmpty);
        }

        if (!StorableText.IsStorable(name))
        {
            return new Invalid("DisplayName", ProblemCodes.DisplayNameNotStorable);
        }

        if (VisibleText.IsBlank(name))
        {
            return new Invalid("DisplayName", ProblemCodes.DisplayNameInvisible);
        }

        return name.Length > DisplayNameMaxLength
            ? new Invalid("DisplayName", ProblemCodes.DisplayNameTooLong, DisplayNameMaxLength)
            : name;
    }

    public static Result<string> ParseAbout(string? input)
    {
        var about = (input ?? "").Replace("\r", "", StringComparison.Ordinal).Trim();
        if (!StorableText.IsStorable(about))
        {
            return new Invalid("About", ProblemCodes.AboutNotStorable);
        }

        return about.Length > AboutMaxLength ? new Invalid("About", ProblemCodes.AboutTooLong, AboutMaxLength) : about;
    }
}
