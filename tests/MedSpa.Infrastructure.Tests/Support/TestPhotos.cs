using System.Buffers.Binary;
using SkiaSharp;

namespace MedSpa.Tests.Support;

/// <summary>
/// Photos as cameras and attackers send them, made in memory: a JPEG with the GPS position and orientation a phone
/// writes into its EXIF block, and a PNG whose header claims more pixels than any camera takes ("image bomb").
/// </summary>
public static class TestPhotos
{
    /// <summary>Where the phone was: the coordinates the EXIF block carries (51°30'N, 0°7'W).</summary>
    public const double Latitude = 51.5;

    /// <summary>
    /// A JPEG of <paramref name="width"/> × <paramref name="height"/>, red on its left half and blue on its right (as
    /// stored), with EXIF orientation <paramref name="orientation"/> (6: the camera was turned a quarter clockwise) and a GPS position.
    /// </summary>
    public static byte[] JpegWithGps(int width = 60, int height = 40, ushort orientation = 1)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var red = new SKPaint { Color = SKColors.Red };
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        var exif = Exif(orientation);
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1; // APP1: where a camera puts EXIF, right after the start of the image
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + exif.Length));
        exif.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A real, tiny PNG whose header then claims <paramref name="width"/> × <paramref name="height"/> pixels (CRC fixed, so decoders believe it).</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var bitmap = new SKBitmap(8, 8);
        using var image = SKImage.FromBitmap(bitmap);
        var png = image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
        // Signature (8), IHDR length (4), "IHDR" (4), width, height, 5 more bytes, then the CRC over type and data.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>"Exif\0\0" and a little-endian TIFF: IFD0 (orientation, a pointer to the GPS IFD), the GPS IFD (N/W, latitude, longitude).</summary>
    private static byte[] Exif(ushort orientation)
    {
        var tiff = new byte[140];
        var t = tiff.AsSpan();
        "II"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16LittleEndian(t[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(t[4..], 8);
        BinaryPrimitives.WriteUInt16LittleEndian(t[8..], 2);
        Entry(t[10..], 0x0112, 3, 1, orientation);
        Entry(t[22..], 0x8825, 4, 1, 38);
        BinaryPrimitives.WriteUInt16LittleEndian(t[38..], 4);
        Entry(t[40..], 0x0001, 2, 2, 'N');
        Entry(t[52..], 0x0002, 5, 3, 92);
        Entry(t[64..], 0x0003, 2, 2, 'W');
        Entry(t[76..], 0x0004, 5, 3, 116);
        Rationals(t[92..], (51, 1), (30, 1), (0, 1));
        Rationals(t[116..], (0, 1), (7, 1), (0, 1));
        return [.. "Exif\0\0"u8, .. tiff];

        static void Entry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
            BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
        }

        static void Rationals(Span<byte> at, params (uint Numerator, uint Denominator)[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(at[(i * 8)..], values[i].Numerator);
                BinaryPrimitives.WriteUInt32LittleEndian(at[(i * 8 + 4)..], values[i].Denominator);
            }
        }
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
