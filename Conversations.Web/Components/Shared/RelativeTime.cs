using System.Globalization;

namespace Conversations.Web.Components.Shared;

/// <summary>"just now", "5 minutes ago", "3 hours ago", "yesterday", "12 Mar 2026" — and the full date for a tooltip.</summary>
public static class RelativeTime
{
    public static string Format(DateTimeOffset at, DateTimeOffset now)
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
            _ => at.ToString(at.Year == now.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture),
        };
    }

    public static string Full(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
