using Conversations.Domain.Participants;

namespace Conversations.Web.Endpoints;

internal static class AvatarEndpoints
{
    /// <summary>Serves uploaded profile pictures; the URL carries a version, so a picture can be cached for long.</summary>
    public static void MapAvatarEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/avatars/{nickname}", async (string nickname, GetProfilePicture pictures, HttpContext http, CancellationToken cancellationToken) =>
        {
            var picture = await pictures.HandleAsync(nickname, cancellationToken);
            if (picture is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(picture.Content, picture.ContentType);
        });
}
