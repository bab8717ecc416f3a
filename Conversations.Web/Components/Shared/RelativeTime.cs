using System.Globalization;

namespace Conversations.Web.Components.Shared;

/// <summary>"just now", "5 minutes ago", "3 hours ago", "yesterday", "12 Mar 2026" (the date as it is in the viewer's zone).</summary>
public static class RelativeTime
{
    public static string Format(DateTimeOffset at, DateTimeOffset now, TimeZoneInfo zone)
    {
        var age = now - at;
        return age switch
        {
            { TotalSeconds: < 45 } => "just now",
            { TotalMinutes: < 1.5 } => "a minute ago",
            { TotalMinutes: < 60 } => $"{(int)Math.Round(age.TotalMinutes)} minutes ago",
            { TotalHours: < 1.5 } => "an hour ago",
            { TotalHours: < 24 } => $"{(int)Math.Round(age.TotalHours)} hours ago",
            { TotalDays: < 2 } => "yesterday",
            { TotalDays: < 7 } => $"{(int)age.TotalDays} days ago",
            _ => TimeZoneInfo.ConvertTime(at, zone).ToString(at.Year == now.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture),
        };
    }
}
