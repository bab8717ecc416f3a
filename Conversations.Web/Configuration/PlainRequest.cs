using Conversations.Domain.Common;

namespace Conversations.Web.Configuration;

/// <summary>
/// The door's check that a request's address and form are plain text (<see cref="PlainText"/>): a NUL, a line break or
/// a direction override in a query string or a form field gets 400 with words in the visitor's language, before any
/// page, endpoint or the database sees it (PostgreSQL cannot store a NUL: it would be a 500). Forms with files
/// (<c>multipart</c>) are not read here.
/// </summary>
public static class PlainRequest
{
    public static async Task<bool> IsPlainAsync(HttpRequest request)
    {
        if (!PlainText.IsPlain(request.Path.Value) || request.Query.Any(q => !IsPlain(q.Key, q.Value)))
        {
            return false;
        }

        if (
            !request.HasFormContentType
            || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                != true
        )
        {
            return true;
        }

        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.All(field => IsPlain(field.Key, field.Value));
        }
        catch (InvalidDataException)
        {
            return false; // the form reader itself refuses a NUL ("The form value contains invalid characters")
        }
    }

    private static bool IsPlain(string key, Microsoft.Extensions.Primitives.StringValues values) =>
        PlainText.IsPlain(key) && values.All(v => v is null || PlainText.IsPlain(v));
}
