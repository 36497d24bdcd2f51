using MedSpa.Core.Photos;

namespace MedSpa.Functions.Photos;

/// <summary>
/// A clinical photo on the wire: what it shows, the visit's time on the clinic's clock, what the release allows, and
/// where to read the image and its thumbnail (a link to storage that expires, or the API's own route).
/// </summary>
public sealed record PhotoResponse(
    string Id, string PatientId, string ChartId, string AppointmentId, PhotoAngle Angle, string VisitStart, DateTimeOffset UploadedAt, string TakenBy,
    int Width, int Height, PhotoConsent Consent, string Url, string ThumbnailUrl, DateTimeOffset LinksExpireAt)
{
    public static PhotoResponse From(PhotoAsSeen seen)
    {
        var p = seen.Photo;
        return new(p.Id, p.PatientId, p.ChartId, p.AppointmentId, p.Angle, Core.Scheduling.ClinicTime.ToIsoString(p.VisitStart, p.VisitTimeZone), p.UploadedAt, p.TakenBy,
            p.Width, p.Height, seen.Consent,
            seen.ImageLink?.AbsoluteUri ?? $"/api/photos/{Uri.EscapeDataString(p.Id)}/image",
            seen.ThumbnailLink?.AbsoluteUri ?? $"/api/photos/{Uri.EscapeDataString(p.Id)}/image?size=thumbnail",
            seen.LinksExpireAt);
    }

    public static IActionResult Items(IReadOnlyList<PhotoAsSeen> photos) => Responses.Json(new { Items = photos.Select(From) });
}
