using System.Globalization;
using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Participants;

/// <summary>
/// Time zones by their IANA ids (<c>Pacific/Auckland</c>), as browsers name them and as .NET on Linux knows them from the
/// system's tz database; the rules for a participant's zone and the one way a time is written out in it.
/// </summary>
public static class TimeZones
{
    public const int MaxIdLength = 64;

    /// <summary>Every zone a person may choose, by id.</summary>
    public static IReadOnlyList<string> All { get; } =
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(IsIana).Order(StringComparer.Ordinal).ToList();

    /// <summary>The zone with this IANA id, or none for anything else (a Windows name, a made-up one, too long).</summary>
    public static TimeZoneInfo? Find(string? id) =>
        id is { Length: > 0 and <= MaxIdLength }
        && IsIana(id)
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : null;

    /// <summary>The person's zone, or UTC when they have none (or it is no longer known).</summary>
    public static TimeZoneInfo OrUtc(string? id) => Find(id) ?? TimeZoneInfo.Utc;

    /// <summary>
    /// "Sunday, November 29, 2026 03:05 (Pacific/Auckland)", "diumenge, 29 de novembre de 2026 3:05 (Pacific/Auckland)": a
    /// moment as a person in that zone reads it, in their language's long date and short time.
    /// </summary>
    public static string Full(DateTimeOffset at, TimeZoneInfo zone, CultureInfo culture)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{local.ToString("D", culture)} {local.ToString("t", culture)} ({NameOf(zone)})";
    }

    /// <summary>"11/29/2026 3:05 AM (Pacific/Auckland)", "29/11/2026 3:05 (Pacific/Auckland)": the same, short, for emails.</summary>
    public static string Short(DateTimeOffset at, TimeZoneInfo zone, CultureInfo culture) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("g", culture) + $" ({NameOf(zone)})";

    private static string NameOf(TimeZoneInfo zone) =>
        zone == TimeZoneInfo.Utc || zone.Id is "Etc/UTC" or "UTC" ? "UTC" : zone.Id;

    private static bool IsIana(string id) =>
        id == "UTC" || (id.Contains('/', StringComparison.Ordinal) && !id.Contains(' ', StringComparison.Ordinal));
}

/// <summary>A person's time zone: read, and set (from Settings, or from their browser on their first visit).</summary>
public sealed class ParticipantTimeZone(
    IDbContextFactory<ConversationsDbContext> contexts,
    IOptions<RateLimitOptions> limits
)
{
    public Task<string?> GetAsync(Guid personId, CancellationToken cancellationToken = default) =>
        PersonalSetting.GetAsync(contexts, personId, p => p.TimeZone, cancellationToken);

    public async Task<Result<string>> SetAsync(
        Guid personId,
        string? zoneId,
        CancellationToken cancellationToken = default
    ) =>
        TimeZones.Find(zoneId) is not null
            ? await PersonalSetting.ChangeAsync(
                contexts,
                limits.Value,
                personId,
                p => p.TimeZone!,
                zoneId!,
                cancellationToken
            )
            : new Invalid("TimeZone", ProblemCodes.TimeZoneUnknown);
}
