using Conversations.Domain.Participants;
using Conversations.Web.Configuration;

namespace Conversations.Web.Endpoints;

internal static class AvatarEndpoints
{
    /// <summary>
    /// Serves uploaded profile pictures (re-encoded when uploaded) under a sandboxing policy. The address carries the
    /// picture's version: when it names the stored one the answer may be kept for a year (<c>immutable</c>); any other
    /// address (an old version, none) is answered with the current picture but must be checked again each time, so a
    /// cache never pins an old or a wrong picture to an address.
    /// </summary>
    public static void MapAvatarEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapGet(
                "/avatars/{nickname}",
                async (
                    string nickname,
                    int? v,
                    GetProfilePicture pictures,
                    HttpContext http,
                    CancellationToken cancellationToken
                ) =>
                {
                    var picture = await pictures.HandleAsync(nickname, cancellationToken);
                    if (picture is null)
                    {
                        return Results.NotFound();
                    }

                    http.Response.Headers.CacheControl =
                        v == picture.Version ? "public, max-age=31536000, immutable" : "no-cache";
                    return Results.File(picture.Content, picture.ContentType);
                }
            )
            .WithSecurityHeadersPolicy(WebSecurity.PicturePolicy);
}
