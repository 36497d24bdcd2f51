namespace MedSpa.Core.Photos;

/// <summary>An uploaded photo made safe to keep: re-encoded without any metadata (no GPS, no camera serial), turned upright, and a thumbnail.</summary>
public sealed record PreparedPhoto(byte[] Image, byte[] Thumbnail, int Width, int Height)
{
    public const string ContentType = "image/jpeg";
}

/// <summary>Decodes an uploaded photo and writes it again, clean (SkiaSharp in the Infrastructure project).</summary>
public interface IPhotoProcessor
{
    /// <returns>The prepared photo, or why the upload is refused (not a photo we read, more pixels than a camera takes).</returns>
    Result<PreparedPhoto> Prepare(byte[] upload);
}
