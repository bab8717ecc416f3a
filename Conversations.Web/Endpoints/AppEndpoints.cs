using System.Globalization;
using System.Net;
using System.Text.Json;
using Conversations.Domain.Common;
using Conversations.Web.Localization;
using Microsoft.Extensions.Options;

namespace Conversations.Web.Endpoints;

/// <summary>
/// What makes the site an installable app: its manifest (the platform's name, icons, colours, starting at the inbox)
/// and the page the service worker (<c>wwwroot/sw.js</c>) shows when the device is offline. Neither holds personal
/// data: the service worker keeps only the offline page.
/// </summary>
internal static class AppEndpoints
{
    public const string ManifestPath = "/manifest.webmanifest";
    public const string OfflinePath = "/offline";

    /// <summary>The app bar's blue: the installed app's title bar and splash screen.</summary>
    public const string ThemeColour = "#1f5f8b";

    public static void MapAppEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ManifestPath, (IOptions<PlatformOptions> platform) =>
        {
            var name = platform.Value.Name;
            var manifest = new
            {
                id = "/",
                name,
                short_name = name.Length <= 12 ? name : name[..12].TrimEnd(),
                description = SharedWords.AppDescription(),
                lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
                start_url = "/conversations",
                scope = "/",
                display = "standalone",
                background_color = "#ffffff",
                theme_color = ThemeColour,
                icons = new object[]
                {
                    new
                    {
                        src = "/icons/icon-192.png",
                        sizes = "192x192",
                        type = "image/png",
                        purpose = "any",
                    },
                    new
                    {
                        src = "/icons/icon-512.png",
                        sizes = "512x512",
                        type = "image/png",
                        purpose = "any",
                    },
                    new
                    {
                        src = "/icons/maskable-512.png",
                        sizes = "512x512",
                        type = "image/png",
                        purpose = "maskable",
                    },
                },
            };
            return Results.Text(JsonSerializer.Serialize(manifest), "application/manifest+json");
        });

        endpoints.MapGet(OfflinePath, (HttpContext context, IOptions<PlatformOptions> platform) =>
        {
            var (title, text, retry) = SharedWords.Offline();
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Content(
                $"""
                <!DOCTYPE html>
                <html lang="{language}">
                <head>
                <meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
                <title>{WebUtility.HtmlEncode(title)} · {WebUtility.HtmlEncode(platform.Value.Name)}</title>
                <meta name="theme-color" content="{ThemeColour}" />
                <link rel="stylesheet" href="/offline.css" />
                </head>
                <body>
                <main>
                <img src="/icons/icon-192.png" alt="" width="72" height="72" />
                <h1>{WebUtility.HtmlEncode(title)}</h1>
                <p>{WebUtility.HtmlEncode(text)}</p>
                <p><a href="/conversations">{WebUtility.HtmlEncode(retry)}</a></p>
                </main>
                </body>
                </html>
                """,
                "text/html; charset=utf-8"
            );
        });
    }
}
