using Conversations.Domain.Moderation;
using Conversations.Web.Configuration;
using Microsoft.AspNetCore.Mvc;

namespace Conversations.Web.Endpoints;

internal static class DataEndpoints
{
    public const string Path = "/account/data";

    /// <summary>
    /// "Download my data": the signed-in person's archive, streamed as it is written (a page of conversations at a time),
    /// never built in memory first. Only one's own data: the person comes from the sign-in cookie, nothing from the address.
    /// </summary>
    public static void MapDataEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, async (HttpContext context, [FromServices] DataExport export) =>
        {
            if (SessionCookies.PersonOf(context.User) is not { } person)
            {
                return Results.Unauthorized();
            }

            context.Response.ContentType = "application/zip";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"conversations-data-{DateTimeOffset.UtcNow:yyyy-MM-dd}.zip\"";
            context.Response.Headers.CacheControl = "no-store";
            return await export.WriteAsync(person, context.Response.Body, context.RequestAborted) ? Results.Empty : Results.NotFound();
        }).RequireAuthorization();
}
