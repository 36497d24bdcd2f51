using MedSpa.Core.Files;

namespace MedSpa.Core.Patients;

/// <summary>
/// A patient's profile photo, so the desk and the injector greet the right person: PNG, JPEG or WebP (told by their
/// first bytes, not by what the sender claims), at most 2 MB, in the file store (Blob storage in Azure). Whoever may
/// change the record's contact details may change it; whoever may open the record may see it. The record notes which
/// photo is current, so a replaced photo is never served from a cache.
/// </summary>
public sealed class PatientPhoto(PatientStore patients, PatientAccess access, IFileStore files, TimeProvider clock)
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public async Task<Result<Document<Patient>>> SetAsync(Caller caller, string id, byte[] image, CancellationToken ct = default)
    {
        var opened = await OpenAsync(caller, id, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        if (ImageType(image) is not { } type)
        {
            return Error.Invalid.Field("photo", image.Length > MaxBytes ? "At most 2 MB." : "A PNG, JPEG or WebP image.");
        }

        var patient = opened.Value;
        var photoId = $"photo-{Guid.NewGuid():N}";
        using (var content = new MemoryStream(image, writable: false))
        {
            await files.PutAsync(caller.TenantId, PathOf(id, photoId), content, type, ct);
        }

        var saved = await patients.ReplaceAsync(patient.Body with { PhotoId = photoId, UpdatedAt = clock.GetUtcNow() }, patient.ETag, ct);
        if ((saved.IsSuccess ? patient.Body.PhotoId : photoId) is { } unused)
        {
            await files.DeleteAsync(caller.TenantId, PathOf(id, unused), ct); // the replaced photo, or this one if the record changed meanwhile
        }

        return saved;
    }

    public async Task<Result<(Stream Content, string ContentType)>> GetAsync(Caller caller, string id, CancellationToken ct = default)
    {
        var found = await access.OpenAsync(caller, id, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        return found.Value.Body.PhotoId is { } photoId && await files.GetAsync(caller.TenantId, PathOf(id, photoId), ct) is { } file
            ? file
            : new Error.NotFound("This patient has no photo.");
    }

    public async Task<Result<Document<Patient>>> RemoveAsync(Caller caller, string id, CancellationToken ct = default)
    {
        var opened = await OpenAsync(caller, id, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var saved = await patients.ReplaceAsync(opened.Value.Body with { PhotoId = null, UpdatedAt = clock.GetUtcNow() }, opened.Value.ETag, ct);
        if (saved.IsSuccess && opened.Value.Body.PhotoId is { } previous)
        {
            await files.DeleteAsync(caller.TenantId, PathOf(id, previous), ct);
        }

        return saved;
    }

    /// <summary>The record, if the caller may change its contact details (the photo is one of them).</summary>
    private async Task<Result<Document<Patient>>> OpenAsync(Caller caller, string id, CancellationToken ct)
    {
        var found = await access.OpenAsync(caller, id, ct);
        return !found.IsSuccess || PatientAccess.MayChange(caller).Contains(PatientAccess.Part.Demographics) ? found : new Error.Forbidden("You may not change this patient's photo.");
    }

    /// <summary>Where a photo lives in the file store.</summary>
    public static string PathOf(string patientId, string photoId) => $"patients/{patientId}/{photoId}";

    /// <summary>The image's type from its signature bytes; null for anything else (HEIC too: browsers cannot show it), or for more than <see cref="MaxBytes"/>.</summary>
    public static string? ImageType(ReadOnlySpan<byte> image) =>
        image.Length is 0 or > MaxBytes ? null : ImageSignature.Of(image) is { } type && type != ImageSignature.Heic ? type : null;
}
