namespace Conversations.Web.Components.Layout;

/// <summary>How a person wants the app to look: as their device says, or always light, or always dark.</summary>
public enum ThemeMode
{
    System,
    Light,
    Dark,
}

/// <summary>
/// The theme of this browser's pages: the person's choice (a cookie, set from Settings) and, for "as my device says",
/// what the device prefers (a cookie that wwwroot/js/app.js keeps in step with <c>prefers-color-scheme</c>), so even a
/// page rendered on the server without a circuit (log in, register) comes in the right colours. One per circuit.
/// </summary>
public sealed class ThemeChoice
{
    public const string ModeCookie = "theme";
    public const string DevicePrefersDarkCookie = "prefers-dark";

    public ThemeMode Mode { get; private set; }

    public bool DevicePrefersDark { get; private set; }

    public bool IsDark => Mode == ThemeMode.Dark || (Mode == ThemeMode.System && DevicePrefersDark);

    public event Action? Changed;

    public void Read(IRequestCookieCollection cookies)
    {
        Mode = Enum.TryParse<ThemeMode>(cookies[ModeCookie], ignoreCase: true, out var mode) ? mode : ThemeMode.System;
        DevicePrefersDark = cookies[DevicePrefersDarkCookie] == "1";
    }

    public void Restore(ThemeMode mode, bool devicePrefersDark) =>
        (Mode, DevicePrefersDark) = (mode, devicePrefersDark);

    public void Choose(ThemeMode mode)
    {
        Mode = mode;
        Changed?.Invoke();
    }

    public void DeviceChanged(bool prefersDark)
    {
        if (DevicePrefersDark != prefersDark)
        {
            DevicePrefersDark = prefersDark;
            Changed?.Invoke();
        }
    }
}
