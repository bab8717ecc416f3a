using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Conversations.Web.Endpoints;

internal static class AccountEndpoints
{
    /// <summary>Log out is a form post (with the antiforgery token) so that no link or image can sign someone out.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/Account/Logout", async ([FromServices] SignInManager<Participant> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/");
        });
}
