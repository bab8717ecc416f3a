using Conversations.Domain.Participants;

namespace Conversations.Web.Components.Layout;

/// <summary>
/// The time zone this window shows times in: the signed-in person's (stored on their account), else the device's (a
/// cookie that wwwroot/js/app.js sets from the browser), else UTC. One per circuit; the layout sets it while the page is
/// rendered on the server and hands it to the circuit, and Settings changes it live.
/// </summary>
public sealed class ViewerClock
{
    public const string DeviceZoneCookie = "tz";

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public event Action? Changed;

    /// <summary>The device's zone as its cookie says, when it names a known one.</summary>
    public static string? DeviceZone(IRequestCookieCollection cookies) => TimeZones.Find(cookies[DeviceZoneCookie])?.Id;

    public void Use(string? zoneId)
    {
        var zone = TimeZones.OrUtc(zoneId);
        if (zone.Id != Zone.Id)
        {
            Zone = zone;
            Changed?.Invoke();
        }
    }

    /// <summary>The exact moment, in this window's zone, for a tooltip.</summary>
    public string Full(DateTimeOffset at) => TimeZones.Full(at, Zone, System.Globalization.CultureInfo.CurrentCulture);
}
