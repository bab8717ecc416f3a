using System.Buffers.Binary;
using SkiaSharp;

namespace Conversations.Tests.Support;

/// <summary>Real pictures for upload tests, drawn with SkiaSharp, and hostile variants of them.</summary>
public static class TestPictures
{
    /// <summary>An opaque PNG of one colour, or one whose left half is transparent.</summary>
    public static byte[] Png(int width = 8, int height = 8, bool transparentHalf = false)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x2E, 0x7D, 0x32));
            if (transparentHalf)
            {
                using var clear = new SKPaint { BlendMode = SKBlendMode.Clear };
                canvas.DrawRect(0, 0, width / 2f, height, clear);
            }
        }

        return Encode(bitmap, SKEncodedImageFormat.Png);
    }

    /// <summary>A JPEG with an EXIF block that holds a GPS position and the given orientation (6: taken turned by 90°).</summary>
    public static byte[] JpegWithGpsAndOrientation(int width, int height, ushort orientation)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x15, 0x65, 0xC0));
        }

        var jpeg = Encode(bitmap, SKEncodedImageFormat.Jpeg);
        var exif = Exif(orientation);
        // SOI, then our APP1 segment, then the rest of the encoder's file.
        return
        [
            .. jpeg[..2],
            0xFF,
            0xE1,
            (byte)((exif.Length + 2) >> 8),
            (byte)((exif.Length + 2) & 0xFF),
            .. exif,
            .. jpeg[2..],
        ];
    }

    /// <summary>The marker the GPS block carries, to look for in what is stored.</summary>
    public static readonly byte[] GpsMarker = "GPS-48.8584N"u8.ToArray();

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    public static (int Width, int Height, SKEncodedImageFormat Format) Read(byte[] content)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(content))
            ?? throw new InvalidOperationException("not a picture");
        return (codec.Info.Width, codec.Info.Height, codec.EncodedFormat);
    }

    public static bool Contains(byte[] content, byte[] part) => content.AsSpan().IndexOf(part) >= 0;

    /// <summary>"Exif\0\0", a little-endian TIFF header, IFD0 with Orientation and a GPS IFD pointer, a GPS IFD with a note.</summary>
    private static byte[] Exif(ushort orientation)
    {
        var tiff = new byte[8 + 2 + 2 * 12 + 4 + 2 + 12 + 4 + GpsMarker.Length];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        var at = 8;
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), 2);
        at += 2;
        Entry(tiff, ref at, 0x0112, 3, 1, orientation); // Orientation, SHORT
        var gpsIfd = 8 + 2 + 2 * 12 + 4;
        Entry(tiff, ref at, 0x8825, 4, 1, (uint)gpsIfd); // GPS IFD pointer, LONG
        at += 4; // no next IFD
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), 1);
        at += 2;
        var textAt = gpsIfd + 2 + 12 + 4;
        Entry(tiff, ref at, 0x001B, 7, (uint)GpsMarker.Length, (uint)textAt); // GPSProcessingMethod, UNDEFINED
        GpsMarker.CopyTo(tiff.AsSpan(textAt));
        return [.. "Exif\0\0"u8, .. tiff];
    }

    private static void Entry(byte[] tiff, ref int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), value);
        at += 12;
    }
}
