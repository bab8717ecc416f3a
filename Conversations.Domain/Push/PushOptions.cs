namespace Conversations.Domain.Push;

/// <summary><c>Push</c> in appsettings: Web Push notifications.</summary>
public sealed class PushOptions
{
    public const string Section = "Push";

    /// <summary>Whether pushes are sent at all (each server runs a sender).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Who runs the site, for the push services (RFC 8292's <c>sub</c>): a mailto: or https: address.</summary>
    public string Subject { get; set; } = "mailto:no-reply@conversations.invalid";

    /// <summary>
    /// The push services subscriptions may point at, as address prefixes (a <c>*.</c> host matches its subdomains):
    /// anything else is refused, so that nobody makes the server post to an address of their choosing.
    /// </summary>
    public List<string> AllowedEndpoints { get; set; } =
    [
        "https://fcm.googleapis.com/",
        "https://updates.push.services.mozilla.com/",
        "https://web.push.apple.com/",
        "https://*.push.apple.com/",
        "https://*.notify.windows.com/",
    ];

    /// <summary>How long after a message its push waits (the person may read it meanwhile on an open page).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often each server looks for due pushes.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether an endpoint is one of <see cref="AllowedEndpoints"/>.</summary>
    public bool Allows(string endpoint)
    {
        if (
            !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            || !string.IsNullOrEmpty(uri.UserInfo)
            || uri.Fragment.Length > 0
        )
        {
            return false;
        }

        foreach (var allowed in AllowedEndpoints)
        {
            if (
                !Uri.TryCreate(allowed.Replace("*.", "wildcard."), UriKind.Absolute, out var prefix)
                || prefix.Scheme != uri.Scheme
                || prefix.Port != uri.Port
            )
            {
                continue;
            }

            var hostMatches = allowed.Contains("://*.", StringComparison.Ordinal)
                ? uri.Host.EndsWith(prefix.Host["wildcard".Length..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(uri.Host, prefix.Host, StringComparison.OrdinalIgnoreCase);
            if (hostMatches && uri.AbsolutePath.StartsWith(prefix.AbsolutePath, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
