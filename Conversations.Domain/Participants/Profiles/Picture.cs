using Conversations.Domain.Common;
using SkiaSharp;

namespace Conversations.Domain.Participants;

/// <summary>An uploaded picture as it is stored: re-encoded, at most <see cref="Picture.MaxSide"/> pixels a side, no metadata.</summary>
public sealed record PreparedPicture(byte[] Content, string ContentType, int Width, int Height);

/// <summary>
/// The rules for an uploaded avatar picture: PNG, JPEG, GIF or WebP, at most 1 MB and 40 megapixels. Nothing is stored
/// as uploaded: the picture is decoded with SkiaSharp (Skia, MIT; ImageSharp 2's crafted-image advisories and version 3's
/// paid licence ruled it out), turned upright by its EXIF orientation, scaled down to at most <see cref="MaxSide"/>
/// pixels a side and encoded again — as JPEG when it is opaque, PNG when it has transparency (a GIF keeps its first
/// frame). What was appended to the file (a script, an archive) and every metadata block (EXIF, GPS, comments, colour
/// profiles) is gone, because only pixels are carried over.
/// </summary>
public static class Picture
{
    public const int MaxBytes = 1024 * 1024;

    public const int MaxSide = 512;

    /// <summary>Larger images are refused before their pixels are decoded (a small file can declare a huge image).</summary>
    public const long MaxPixels = 40_000_000;

    private const int JpegQuality = 88;

    /// <summary>The size rule alone: a screen asks it before reading a file at all.</summary>
    public static Invalid? CheckSize(long bytes) =>
        bytes switch
        {
            0 => new Invalid("Picture", ProblemCodes.PictureEmpty),
            > MaxBytes => new Invalid("Picture", ProblemCodes.PictureTooBig, MaxBytes / 1024 / 1024),
            _ => null,
        };

    /// <summary>Checks the upload and re-encodes it as it will be stored and served.</summary>
    public static Result<PreparedPicture> Prepare(byte[] content)
    {
        if (CheckSize(content.Length) is { } problem)
        {
            return problem;
        }

        if (ImageFormat.Detect(content) is null)
        {
            return new Invalid("Picture", ProblemCodes.PictureFormat);
        }

        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return Unreadable;
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return new Invalid("Picture", ProblemCodes.PictureTooManyPixels, MaxPixels / 1_000_000);
        }

        using var decoded = Decode(codec);
        if (decoded is null)
        {
            return Unreadable;
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        var opaque = IsOpaque(upright);
        using var image = SKImage.FromBitmap(upright);
        using var encoded = opaque
            ? image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality)
            : image.Encode(SKEncodedImageFormat.Png, 100);
        return encoded is null
            ? Unreadable
            : new PreparedPicture(
                encoded.ToArray(),
                opaque ? "image/jpeg" : "image/png",
                upright.Width,
                upright.Height
            );
    }

    private static Invalid Unreadable => new("Picture", ProblemCodes.PictureUnreadable);

    /// <summary>Decodes at the size it will be stored at when the codec can (JPEG scales while decoding), else whole, then scales.</summary>
    private static SKBitmap? Decode(SKCodec codec)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var scale = Math.Min(1f, (float)MaxSide / Math.Max(width, height));
        var target = codec.GetScaledDimensions(scale);
        var decodeAt = target.Width >= width * scale && target.Height >= height * scale ? target : codec.Info.Size;
        var info = new SKImageInfo(
            decodeAt.Width,
            decodeAt.Height,
            SKColorType.Rgba8888,
            SKAlphaType.Premul,
            SKColorSpace.CreateSrgb()
        );
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            return null;
        }

        if (Math.Max(bitmap.Width, bitmap.Height) <= MaxSide)
        {
            return bitmap;
        }

        var shrink = (float)MaxSide / Math.Max(bitmap.Width, bitmap.Height);
        var smaller = new SKImageInfo(
            Math.Max(1, (int)Math.Round(bitmap.Width * shrink)),
            Math.Max(1, (int)Math.Round(bitmap.Height * shrink)),
            SKColorType.Rgba8888,
            SKAlphaType.Premul,
            SKColorSpace.CreateSrgb()
        );
        var resized = bitmap.Resize(smaller, new SKSamplingOptions(SKCubicResampler.Mitchell));
        bitmap.Dispose();
        return resized;
    }

    /// <summary>Turns the pixels the way the EXIF orientation says the camera was held (the tag itself is not kept).</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var (w, h) = (source.Width, source.Height);
        SKMatrix? matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (matrix is not { } turn)
        {
            return source.Copy();
        }

        var sideways =
            origin
            is SKEncodedOrigin.LeftTop
                or SKEncodedOrigin.RightTop
                or SKEncodedOrigin.RightBottom
                or SKEncodedOrigin.LeftBottom;
        var upright = new SKBitmap(
            new SKImageInfo(sideways ? h : w, sideways ? w : h, source.ColorType, source.AlphaType, source.ColorSpace)
        );
        using var canvas = new SKCanvas(upright);
        canvas.SetMatrix(turn);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return upright;
    }

    private static bool IsOpaque(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        for (var i = 3; i < pixels.Length; i += 4)
        {
            if (pixels[i] != 255)
            {
                return false;
            }
        }

        return true;
    }
}
