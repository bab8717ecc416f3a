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
            return new Invalid("DisplayName", "Enter the name people will see.");
        }

        if (!StorableText.IsStorable(name))
        {
            return new Invalid("DisplayName", StorableText.Problem("The name"));
        }

        if (VisibleText.IsBlank(name))
        {
            return new Invalid("DisplayName", "A name needs letters or signs people can see: invisible characters alone are not a name.");
        }

        return name.Length > DisplayNameMaxLength
            ? new Invalid("DisplayName", $"A name has at most {DisplayNameMaxLength} characters.")
            : name;
    }

    public static Result<string> ParseAbout(string? input)
    {
        var about = (input ?? "").Replace("\r", "", StringComparison.Ordinal).Trim();
        if (!StorableText.IsStorable(about))
        {
            return new Invalid("About", StorableText.Problem("The about text"));
        }

        return about.Length > AboutMaxLength
            ? new Invalid("About", $"The about text has at most {AboutMaxLength} characters.")
            : about;
    }
}
