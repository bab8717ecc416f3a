using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Web.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Conversations.Web.Endpoints;

internal static class AccountEndpoints
{
    /// <summary>
    /// Log out is a form post with the antiforgery token, so that no link, image or other site can sign someone
    /// out. No form field is bound here, so the token is checked explicitly. It ends this device's session on the
    /// server (<see cref="SessionCookies"/>): a copy of the cookie is worth nothing afterwards.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(
            "/" + Links.Logout,
            async (
                HttpContext context,
                [FromServices] IAntiforgery antiforgery,
                [FromServices] SignInManager<Participant> signIn,
                [FromServices] SignInSessions sessions
            ) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.BadRequest();
                }

                if (
                    SessionCookies.SessionOf(context.User) is { } session
                    && SessionCookies.PersonOf(context.User) is { } person
                )
                {
                    await sessions.EndAsync(new SessionId(session), new PersonId(person));
                }

                await signIn.SignOutAsync();
                return Results.LocalRedirect("~/");
            }
        );
}
