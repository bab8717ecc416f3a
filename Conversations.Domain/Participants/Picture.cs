using Conversations.Domain.Common;

namespace Conversations.Domain.Participants;

/// <summary>The rules for an uploaded avatar picture: PNG, JPEG, GIF or WebP, at most 1 MB.</summary>
public static class Picture
{
    public const int MaxBytes = 1024 * 1024;

    /// <returns>The picture's content type.</returns>
    public static Result<string> Check(byte[] content)
    {
        if (content.Length == 0)
        {
            return new Invalid("Picture", "The picture is empty.");
        }

        if (content.Length > MaxBytes)
        {
            return new Invalid("Picture", "A picture has at most 1 MB: choose a smaller one.");
        }

        return ImageFormat.Detect(content) is { } contentType
            ? contentType
            : new Invalid("Picture", "Choose a PNG, JPEG, GIF or WebP picture.");
    }
}
