using MedSpa.Core.Charts;
using MedSpa.Core.Files;

namespace MedSpa.Core.Photos;

/// <summary>
/// Files a photo taken at a visit with the visit's chart: the practitioner who charted it (or an admin) adds it, at
/// any time, signed or not (a photo is its own record; the signed chart does not change). Only what its bytes say is
/// a JPEG, PNG or WebP image is taken; it is stored re-encoded, without metadata, with a thumbnail, never as sent.
/// </summary>
public sealed class AddChartPhoto(ChartAccess access, PhotoStore photos, IPhotoProcessor processor, IFileStore files, TimeProvider clock)
{
    /// <summary>A phone's or tablet's full-size photo is 2–12 MB; more than this is not a photo of a face.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    public static string AngleChoices => "One of front, left-45, right-45, left-profile, right-profile.";

    public async Task<Result<Document<ClinicalPhoto>>> AddAsync(Caller caller, string chartId, string? angle, byte[] upload, CancellationToken ct = default)
    {
        var opened = await access.OpenToWriteAsync(caller, chartId, adminToo: true, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        if (WireNames.Parse<PhotoAngle>(angle) is not { } view)
        {
            return Error.Invalid.Field("angle", AngleChoices);
        }

        if (upload.Length > MaxBytes)
        {
            return new Error.TooLarge("A photo may be at most 20 MB.");
        }

        switch (ImageSignature.Of(upload))
        {
            case null:
                return Error.Invalid.Field("photo", "Send a JPEG or PNG photo: this file is not one, whatever its name says.");
            case ImageSignature.Heic:
                return Error.Invalid.Field("photo", "HEIC photos are turned into JPEG by the MedSpa app before they are sent: send a JPEG or PNG.");
        }

        var prepared = processor.Prepare(upload);
        if (!prepared.IsSuccess)
        {
            return prepared.Error;
        }

        var chart = opened.Value.Body;
        var id = $"photo-{Guid.NewGuid():N}";
        var photo = new ClinicalPhoto(
            id, caller.TenantId, chart.PatientId, chart.Id, chart.AppointmentId, view, chart.VisitStart, chart.VisitTimeZone,
            ImagePath: $"photos/{chart.PatientId}/{id}.jpg", ThumbnailPath: $"photos/{chart.PatientId}/{id}-thumbnail.jpg",
            prepared.Value.Width, prepared.Value.Height, caller.StaffId ?? caller.UserId, caller.DisplayName, clock.GetUtcNow());
        Document<ClinicalPhoto>? saved = null;
        try
        {
            await PutAsync(caller.TenantId, photo.ImagePath, prepared.Value.Image, ct);
            await PutAsync(caller.TenantId, photo.ThumbnailPath, prepared.Value.Thumbnail, ct);
            // Once the images are in, the record is written even if the caller has gone: files without it are lost.
            return saved = await photos.AddAsync(photo, CancellationToken.None);
        }
        finally
        {
            if (saved is null)
            {
                // No record, no files: a failed upload or save leaves nothing behind that no one could find.
                await files.DeleteAsync(caller.TenantId, photo.ImagePath, CancellationToken.None);
                await files.DeleteAsync(caller.TenantId, photo.ThumbnailPath, CancellationToken.None);
            }
        }
    }

    private async Task PutAsync(string tenantId, string path, byte[] bytes, CancellationToken ct)
    {
        using var content = new MemoryStream(bytes, writable: false);
        await files.PutAsync(tenantId, path, content, PreparedPhoto.ContentType, ct);
    }
}
