using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Conversations.Web.Endpoints;

internal static class AccountEndpoints
{
    /// <summary>
    /// Log out is a form post with the antiforgery token, so that no link, image or other site can sign someone
    /// out. No form field is bound here, so the token is checked explicitly.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/Account/Logout", async (HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] SignInManager<Participant> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/");
        });
}
