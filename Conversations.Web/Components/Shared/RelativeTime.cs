using System.Globalization;
using Humanizer;

namespace Conversations.Web.Components.Shared;

/// <summary>
/// "now", "5 minutes ago", "yesterday", "3 days ago" within a week, then the date as it is in the viewer's zone ("12 March",
/// or "12/03/2025" in another year), all in the page's language: Humanizer's relative times (with its Spanish, Catalan and
/// French packages) rather than hand-written rules for each language.
/// </summary>
public static class RelativeTime
{
    public static string Format(DateTimeOffset at, DateTimeOffset now, TimeZoneInfo zone)
    {
        var culture = CultureInfo.CurrentUICulture;
        var age = now - at;
        if (age < TimeSpan.FromSeconds(45))
        {
            return now.Humanize(now, culture); // "now": a page is not re-rendered every second to count them
        }

        if (age < TimeSpan.FromDays(7))
        {
            return at.Humanize(now, culture);
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.Year == TimeZoneInfo.ConvertTime(now, zone).Year
            ? local.ToString("M", CultureInfo.CurrentCulture)
            : local.ToString("d", CultureInfo.CurrentCulture);
    }
}
