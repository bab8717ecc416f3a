using System.Text.RegularExpressions;
using Conversations.Domain.Common;

namespace Conversations.Domain.Participants;

/// <summary>The unique public handle shown as <c>@nickname</c>: 3–20 of a–z, 0–9 and _.</summary>
public static partial class Nickname
{
    public const int MinLength = 3;
    public const int MaxLength = 20;

    public const string RuleText = "A nickname has 3 to 20 characters: lower-case letters a–z, digits and _.";

    /// <summary>Trims, drops a leading @ and lower-cases, then checks the rules.</summary>
    public static Result<string> Parse(string? input)
    {
        var candidate = Normalize(input);
        if (candidate.Length == 0)
        {
            return new Invalid("Nickname", "Choose a nickname.");
        }

        if (candidate.Length is < MinLength or > MaxLength || !Allowed().IsMatch(candidate))
        {
            return new Invalid("Nickname", RuleText);
        }

        return candidate;
    }

    public static string Normalize(string? input) =>
        (input ?? "").Trim().TrimStart('@').ToLowerInvariant();

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
