using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Conversations.Domain.Common;

namespace Conversations.Domain.Participants;

/// <summary>The unique public handle shown as <c>@nickname</c>: 3–20 of a–z, 0–9 and _.</summary>
public static partial class Nickname
{
    public const int MinLength = 3;
    public const int MaxLength = 20;

    /// <summary>Trims, drops a leading @ and lower-cases, then checks the rules.</summary>
    public static Result<string> Parse(string? input)
    {
        var candidate = Normalize(input);
        if (candidate.Length == 0)
        {
            return new Invalid("Nickname", ProblemCodes.NicknameEmpty);
        }

        if (candidate.Length is < MinLength or > MaxLength || !Allowed().IsMatch(candidate))
        {
            return new Invalid("Nickname", ProblemCodes.NicknameRule);
        }

        return IsReserved(candidate) ? new Invalid("Nickname", ProblemCodes.NicknameReserved) : candidate;
    }

    /// <summary>
    /// Nicknames nobody may take, so that nobody poses as the platform's staff: these words alone, or with digits or _
    /// around them (<c>admin_1</c>, <c>_support</c>).
    /// </summary>
    public static bool IsReserved(string nickname) =>
        Reserved.Contains(nickname.Trim('_', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'));

    private static readonly FrozenSet<string> Reserved = new[]
    {
        "admin",
        "admins",
        "administrator",
        "administrators",
        "root",
        "sysadmin",
        "system",
        "moderator",
        "moderators",
        "mod",
        "mods",
        "support",
        "help",
        "helpdesk",
        "staff",
        "team",
        "official",
        "security",
        "abuse",
        "postmaster",
        "hostmaster",
        "webmaster",
        "noreply",
        "no_reply",
        "mailer_daemon",
        "conversations",
        "platform",
        "everyone",
        "all",
        "here",
        "null",
        "undefined",
        "deleted",
        "anonymous",
        "me",
        "settings",
        "account",
        "api",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static string Normalize(string? input) => (input ?? "").Trim().TrimStart('@').ToLowerInvariant();

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
