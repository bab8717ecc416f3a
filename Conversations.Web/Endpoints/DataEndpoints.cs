using Conversations.Domain.Common;
using Conversations.Domain.Moderation;
using Conversations.Web.Configuration;
using Conversations.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Conversations.Web.Endpoints;

internal static class DataEndpoints
{
    public const string Path = "/" + Links.DataExport;

    /// <summary>
    /// "Download my data": the signed-in person's archive, streamed as it is written (a page of conversations at a time),
    /// never built in memory first. Only one's own data: the person comes from the sign-in cookie, nothing from the address.
    /// </summary>
    public static void MapDataEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapGet(
                Path,
                async (HttpContext context, [FromServices] DataExport export, [FromServices] ProblemText words) =>
                {
                    if (SessionCookies.PersonOf(context.User) is not { } person)
                    {
                        return Results.Unauthorized();
                    }

                    var written = await export.WriteAsync(
                        person,
                        () =>
                        {
                            context.Response.ContentType = "application/zip";
                            context.Response.Headers.ContentDisposition =
                                $"attachment; filename=\"conversations-data-{DateTimeOffset.UtcNow:yyyy-MM-dd}.zip\"";
                            context.Response.Headers.CacheControl = "no-store";
                            return context.Response.Body;
                        },
                        context.RequestAborted
                    );
                    return written.Problem switch
                    {
                        null => Results.Empty,
                        TooOften tooOften => TooManyRequests(context, words.Of(tooOften), tooOften.RetryAfter),
                        _ => Results.NotFound(),
                    };
                }
            )
            .RequireAuthorization();

    private static IResult TooManyRequests(HttpContext context, string words, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Text(words, "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
    }
}
