using Microsoft.AspNetCore.Localization;

namespace Conversations.Web.Localization;

/// <summary>The cookie that keeps a visitor's language on this device, signed in or not (a year, sent only to this site).</summary>
public static class LanguageCookie
{
    public const string Name = ".Conversations.Language";

    public static void Write(HttpContext context, string language) =>
        context.Response.Cookies.Append(
            Name,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                HttpOnly = true,
                IsEssential = true, // remembers a choice the visitor made; it tracks nothing
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                Path = "/",
            }
        );
}
