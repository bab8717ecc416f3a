using Conversations.Domain.Participants;
using Conversations.Web.Components.Account;
using Conversations.Web.Configuration;
using Conversations.Web.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Conversations.Web.Endpoints;

internal static class LanguageEndpoints
{
    public const string Path = "/language";

    /// <summary>
    /// The footer's language picker posts here (a form with the antiforgery token, so no other site can switch it): the
    /// choice is kept in the language cookie and, for a signed-in person, in their account (their emails follow it);
    /// then back to the page, which renders anew in that language, its live parts included.
    /// </summary>
    public static void MapLanguageEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(
            Path,
            async (
                HttpContext context,
                [FromServices] IAntiforgery antiforgery,
                [FromServices] ParticipantLanguage languages
            ) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.BadRequest();
                }

                var form = await context.Request.ReadFormAsync();
                var back = "~/" + IdentityRedirectManager.LocalOrHome(form["returnUrl"].ToString().TrimStart('/'));
                if (Languages.Find(form["language"]) is { } language)
                {
                    LanguageCookie.Write(context, language);
                    if (SessionCookies.PersonOf(context.User) is { } person)
                    {
                        await languages.SetAsync(person, language); // refused only for a gone account or too many changes: the cookie still holds it
                    }
                }

                return Results.LocalRedirect(back);
            }
        );
}
