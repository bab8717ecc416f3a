using System.Globalization;
using Humanizer;

namespace Conversations.Web.Localization;

/// <summary>How long to wait, as a refusal says it in the page's language: "40 seconds", "5 minutes", "3 hours" (never less than the wait).</summary>
public static class Waiting
{
    public static string For(TimeSpan wait, CultureInfo culture)
    {
        var rounded =
            wait.TotalSeconds < 90 ? TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)))
            : wait.TotalMinutes < 90 ? TimeSpan.FromMinutes(Math.Ceiling(wait.TotalMinutes))
            : TimeSpan.FromHours(Math.Ceiling(wait.TotalHours));
        return rounded.Humanize(precision: 1, culture: culture, maxUnit: TimeUnit.Hour, minUnit: TimeUnit.Second);
    }
}
