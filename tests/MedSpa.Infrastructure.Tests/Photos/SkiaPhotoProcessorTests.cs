using MedSpa.Infrastructure.Photos;
using MedSpa.Tests.Support;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using SkiaSharp;

namespace MedSpa.Infrastructure.Tests.Photos;

/// <summary>A photo is kept as pixels only (no GPS, no EXIF at all), upright, with a thumbnail; what is not a photo is refused before it is decoded.</summary>
public sealed class SkiaPhotoProcessorTests
{
    private readonly SkiaPhotoProcessor _processor = new();

    private static IReadOnlyList<MetadataExtractor.Directory> MetadataOf(byte[] image) => ImageMetadataReader.ReadMetadata(new MemoryStream(image));

    [Fact]
    public void The_phones_gps_position_and_every_exif_field_are_gone_from_what_is_kept()
    {
        var upload = TestPhotos.JpegWithGps();
        MetadataOf(upload).OfType<GpsDirectory>().Single().GetGeoLocation()!.Latitude.ShouldBe(TestPhotos.Latitude); // the test photo does carry it

        var prepared = _processor.Prepare(upload);

        prepared.IsSuccess.ShouldBeTrue(prepared.Error?.Detail);
        MetadataOf(prepared.Value.Image).OfType<GpsDirectory>().ShouldBeEmpty();
        MetadataOf(prepared.Value.Image).OfType<ExifDirectoryBase>().ShouldBeEmpty();
        MetadataOf(prepared.Value.Thumbnail).OfType<GpsDirectory>().ShouldBeEmpty();
    }

    [Fact]
    public void A_photo_taken_with_the_phone_turned_is_kept_upright_and_a_thumbnail_is_made()
    {
        // Stored 60 × 40, red left and blue right; orientation 6 says: turn a quarter clockwise to show it.
        var prepared = _processor.Prepare(TestPhotos.JpegWithGps(60, 40, orientation: 6));

        (prepared.Value!.Width, prepared.Value.Height).ShouldBe((40, 60));
        using var upright = SKBitmap.Decode(prepared.Value.Image);
        upright.GetPixel(20, 8).Red.ShouldBeGreaterThan((byte)200); // the left half went to the top
        upright.GetPixel(20, 52).Blue.ShouldBeGreaterThan((byte)200);
        using var thumbnail = SKBitmap.Decode(prepared.Value.Thumbnail);
        (thumbnail.Width, thumbnail.Height).ShouldBe((40, 60)); // never enlarged
    }

    [Fact]
    public void A_large_photo_is_kept_at_a_screens_size_with_a_small_thumbnail()
    {
        var prepared = _processor.Prepare(TestPhotos.JpegWithGps(4000, 3000));

        (prepared.Value!.Width, prepared.Value.Height).ShouldBe((SkiaPhotoProcessor.StoredSide, 1920));
        using var thumbnail = SKBitmap.Decode(prepared.Value.Thumbnail);
        Math.Max(thumbnail.Width, thumbnail.Height).ShouldBe(SkiaPhotoProcessor.ThumbnailSide);
    }

    [Theory]
    [InlineData(30_000, 30_000)] // 900 megapixels in a file of a few hundred bytes
    [InlineData(20_000, 100)] // wider than any camera
    public void An_image_bomb_is_refused_from_its_header_before_anything_is_decoded(int width, int height)
    {
        var refused = _processor.Prepare(TestPhotos.PngClaiming(width, height));

        refused.IsSuccess.ShouldBeFalse();
        refused.Error.ShouldBeOfType<Core.Common.Error.Invalid>().FieldErrors["photo"].Single().ShouldContain($"{width} × {height}");
    }

    [Fact]
    public void A_damaged_photo_is_refused()
    {
        var jpeg = TestPhotos.JpegWithGps();

        _processor.Prepare(jpeg[..20]).IsSuccess.ShouldBeFalse();
        _processor.Prepare("%PDF-1.7 not an image"u8.ToArray()).IsSuccess.ShouldBeFalse();
    }
}
