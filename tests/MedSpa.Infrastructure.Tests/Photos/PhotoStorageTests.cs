using System.Net;
using MedSpa.Infrastructure.Files;
using MedSpa.Infrastructure.Photos;
using MedSpa.Infrastructure.Tests.Files;
using MedSpa.Tests.Support;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using SkiaSharp;

namespace MedSpa.Infrastructure.Tests.Photos;

/// <summary>
/// A phone's photo the way the app keeps it, with the real SDK against Azurite: prepared, uploaded with its thumbnail,
/// read back through a short-lived link by anyone holding it, with no GPS position or EXIF left in what comes back.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PhotoStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_photo_read_back_from_blob_storage_through_its_link_has_no_gps_and_has_its_thumbnail()
    {
        var store = new BlobFileStore(new BlobFileStoreOptions { ConnectionString = azurite.ConnectionString, Container = $"photos-{Guid.NewGuid():N}"[..30] });
        var upload = TestPhotos.JpegWithGps(1200, 900, orientation: 6);
        var prepared = new SkiaPhotoProcessor().Prepare(upload).Value!;
        await store.PutAsync("clinic-a", "photos/p1/photo-1.jpg", new MemoryStream(prepared.Image), "image/jpeg");
        await store.PutAsync("clinic-a", "photos/p1/photo-1-thumbnail.jpg", new MemoryStream(prepared.Thumbnail), "image/jpeg");
        using var anyone = new HttpClient();

        var image = await anyone.GetAsync(await store.ReadLinkAsync("clinic-a", "photos/p1/photo-1.jpg", DateTimeOffset.UtcNow.AddMinutes(10)));
        var thumbnail = await anyone.GetAsync(await store.ReadLinkAsync("clinic-a", "photos/p1/photo-1-thumbnail.jpg", DateTimeOffset.UtcNow.AddMinutes(10)));

        image.StatusCode.ShouldBe(HttpStatusCode.OK);
        var kept = await image.Content.ReadAsByteArrayAsync();
        ImageMetadataReader.ReadMetadata(new MemoryStream(upload)).OfType<GpsDirectory>().ShouldNotBeEmpty(); // what the phone sent
        var metadata = ImageMetadataReader.ReadMetadata(new MemoryStream(kept));
        metadata.OfType<GpsDirectory>().ShouldBeEmpty();
        metadata.OfType<ExifDirectoryBase>().ShouldBeEmpty();
        using var shown = SKBitmap.Decode(kept);
        (shown.Width, shown.Height).ShouldBe((900, 1200)); // upright
        using var small = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
        Math.Max(small.Width, small.Height).ShouldBe(SkiaPhotoProcessor.ThumbnailSide);
    }
}
