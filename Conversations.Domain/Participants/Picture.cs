using Conversations.Domain.Common;

namespace Conversations.Domain.Participants;

/// <summary>The rules for an uploaded avatar picture: PNG, JPEG, GIF or WebP, at most 1 MB.</summary>
public static class Picture
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The size rule alone: a screen asks it before reading a file at all.</summary>
    public static Invalid? CheckSize(long bytes) => bytes switch
    {
        0 => new Invalid("Picture", "The picture is empty."),
        > MaxBytes => new Invalid("Picture", "A picture has at most 1 MB: choose a smaller one."),
        _ => null,
    };

    /// <returns>The picture's content type.</returns>
    public static Result<string> Check(byte[] content)
    {
        if (CheckSize(content.Length) is { } problem)
        {
            return problem;
        }

        return ImageFormat.Detect(content) is { } contentType
            ? contentType
            : new Invalid("Picture", "Choose a PNG, JPEG, GIF or WebP picture.");
    }
}
