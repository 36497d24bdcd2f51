namespace MedSpa.Core.Files;

/// <summary>
/// What an uploaded image really is, told by its first bytes (never by its name or the type the sender claims): a PDF
/// renamed photo.jpg is still a PDF.
/// </summary>
public static class ImageSignature
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Webp = "image/webp";
    public const string Heic = "image/heic";

    /// <returns>The image's media type, or null for anything that is not one of these images.</returns>
    public static string? Of(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : bytes.Length > 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? Webp
        : IsHeif(bytes) ? Heic
        : null;

    // An ISO base media file whose first box is 'ftyp' with a HEIF brand (iPhones' photos: heic, heix, mif1...).
    private static bool IsHeif(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 12 && bytes[4..8].SequenceEqual("ftyp"u8)
        && (bytes[8..12].SequenceEqual("heic"u8) || bytes[8..12].SequenceEqual("heix"u8) || bytes[8..12].SequenceEqual("heim"u8)
            || bytes[8..12].SequenceEqual("heis"u8) || bytes[8..12].SequenceEqual("mif1"u8) || bytes[8..12].SequenceEqual("msf1"u8));
}
