using MedSpa.Core.Common;
using MedSpa.Core.Photos;
using SkiaSharp;

namespace MedSpa.Infrastructure.Photos;

/// <summary>
/// Makes an uploaded photo safe to keep with SkiaSharp: reads only its header first (an "image bomb" that claims
/// billions of pixels is refused before anything is decoded), decodes it no larger than needed, turns it upright as the
/// camera said (EXIF orientation), and writes a new JPEG. What is written is pixels only: EXIF (GPS, camera serial,
/// time), XMP and ICC profiles do not survive. Transparent areas of a PNG become white.
/// </summary>
public sealed class SkiaPhotoProcessor : IPhotoProcessor
{
    /// <summary>More than the largest phone camera (48–50 MP); beyond it, a file is not a photo of a patient.</summary>
    public const long MaxPixels = 60_000_000;

    /// <summary>
    /// A PNG (or WebP) is decoded whole, 4 bytes a pixel: this many keeps one upload under 100 MB of memory. JPEG is
    /// decoded at the size it is kept (1/2, 1/4, 1/8), so a camera's full resolution is fine.
    /// </summary>
    public const long MaxPixelsDecodedWhole = 24_000_000;

    public const int MaxSide = 16_384;

    /// <summary>The stored photo's longest side: sharp on a tablet or a 4K screen, a tenth of a camera original's weight.</summary>
    public const int StoredSide = 2_560;

    public const int ThumbnailSide = 400;

    public Result<PreparedPhoto> Prepare(byte[] upload)
    {
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return Error.Invalid.Field("photo", "This image cannot be read: it is damaged or not a photo.");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var limit = codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? MaxPixels : MaxPixelsDecodedWhole;
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide || (long)width * height > limit)
        {
            return Error.Invalid.Field("photo", $"This image is {width} × {height} pixels: more than a camera takes (at most {limit / 1_000_000} megapixels).");
        }

        using var decoded = Decode(codec, StoredSide);
        if (decoded is null)
        {
            return Error.Invalid.Field("photo", "This image cannot be read: it is damaged or not a photo.");
        }

        using var upright = Upright(decoded, codec.EncodedOrigin, StoredSide);
        using var thumbnail = Upright(upright, SKEncodedOrigin.TopLeft, ThumbnailSide);
        return new PreparedPhoto(Jpeg(upright, 90), Jpeg(thumbnail, 80), upright.Width, upright.Height);
    }

    /// <summary>Decodes at the smallest size the codec offers that is still at least <paramref name="side"/> (JPEG decodes at 1/2, 1/4, 1/8 cheaply).</summary>
    private static SKBitmap? Decode(SKCodec codec, int side)
    {
        var longest = Math.Max(codec.Info.Width, codec.Info.Height);
        var size = longest > side ? codec.GetScaledDimensions((float)side / longest) : codec.Info.Size;
        if (Math.Max(size.Width, size.Height) < side && longest > side)
        {
            size = codec.Info.Size; // the codec rounded below what we need: decode whole, then scale down ourselves
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput)
        {
            return bitmap;
        }

        bitmap.Dispose();
        return null;
    }

    /// <summary>The bitmap drawn upright (as the camera's orientation tag says), no longer than <paramref name="side"/>, on white.</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin, int side)
    {
        var (w, h) = (source.Width, source.Height);
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightW, uprightH) = swaps ? (h, w) : (w, h);
        var scale = Math.Min(1f, (float)side / Math.Max(uprightW, uprightH));
        var target = new SKBitmap(new SKImageInfo(Math.Max(1, (int)Math.Round(uprightW * scale)), Math.Max(1, (int)Math.Round(uprightH * scale)), SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        var orient = Orientation(origin, w, h);
        canvas.Concat(in orient);
        source.SetImmutable(); // drawn from as it is: no copy of a large decoded photo
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();
        return target;
    }

    /// <summary>The transform that maps the stored pixels to the upright picture (x' = ScaleX·x + SkewX·y + TransX; y' = SkewY·x + ScaleY·y + TransY).</summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1), // mirrored
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1), // upside down
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1), // mirrored upside down
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1), // transposed
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1), // turned a quarter clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1), // transversed
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1), // turned a quarter anticlockwise
        _ => SKMatrix.Identity,
    };

    private static byte[] Jpeg(SKBitmap bitmap, int quality)
    {
        bitmap.SetImmutable();
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return encoded.ToArray();
    }
}
