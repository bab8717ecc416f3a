using Conversations.Domain.Email;
using Microsoft.AspNetCore.Mvc;

namespace Conversations.Web.Endpoints;

internal static class UnsubscribeEndpoints
{
    /// <summary>
    /// The unsubscribe link's POST: the page's button, or a mail client's one-click (RFC 8058: <c>List-Unsubscribe=One-Click</c>
    /// in the body, no cookie, no antiforgery token — the signed, purpose-bound token in the address is the proof).
    /// A forged or altered token changes nothing and is told so.
    /// </summary>
    public static void MapUnsubscribeEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapPost(
                UnsubscribeTokens.OneClickPath,
                async (
                    [FromQuery] string? token,
                    HttpRequest request,
                    [FromServices] UnsubscribeTokens tokens,
                    [FromServices] SetEmailPreference preference
                ) =>
                {
                    if (tokens.Read(token) is not { } person)
                    {
                        return Results.Redirect($"{request.PathBase}/unsubscribe?token=");
                    }

                    await preference.HandleAsync(person, emailAboutMessages: false);
                    return request.HasFormContentType && (await request.ReadFormAsync()).ContainsKey("List-Unsubscribe")
                        ? Results.Text("Unsubscribed.")
                        : Results.Redirect(
                            $"{request.PathBase}/unsubscribe/done",
                            permanent: false,
                            preserveMethod: false
                        );
                }
            )
            .DisableAntiforgery();
}
