namespace Conversations.Domain.Participants;

/// <summary>Recognises a picture by its first bytes, never by what the browser claims.</summary>
internal static class ImageFormat
{
    public static string? Detect(ReadOnlySpan<byte> content) =>
        content switch
        {
            [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
            [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
            [0x47, 0x49, 0x46, 0x38, ..] => "image/gif",
            [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
            _ => null,
        };
}
