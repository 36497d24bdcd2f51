using MedSpa.Core.Charts;
using MedSpa.Core.Files;

namespace MedSpa.Core.Photos;

/// <summary>
/// A photo as a reader gets it: what it shows and when, what the patient's release allows, and links that read the
/// image and its thumbnail for a few minutes (null where the store cannot mint links: the API serves the image then).
/// </summary>
public sealed record PhotoAsSeen(ClinicalPhoto Photo, PhotoConsent Consent, Uri? ImageLink, Uri? ThumbnailLink, DateTimeOffset LinksExpireAt);

/// <summary>
/// Who sees clinical photos: whoever may read the chart they are filed with (clinicians who treat the patient; the
/// patient, once the chart is shared with them; never the desk). Links are minted per request, after that check.
/// </summary>
public sealed class ReadPhotos(ChartAccess access, ChartStore charts, PhotoStore photos, PhotoConsentOnFile consent, IFileStore files, TimeProvider clock)
{
    /// <summary>Long enough to look at a comparison; short enough that a copied link is soon useless.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(10);

    public async Task<Result<IReadOnlyList<PhotoAsSeen>>> OfChartAsync(Caller caller, string chartId, CancellationToken ct = default)
    {
        var opened = await access.OpenAsync(caller, chartId, ct);
        if (opened.IsSuccess && caller.Role == Role.Patient && !SharesPhotos(opened.Value.Body))
        {
            return Result<IReadOnlyList<PhotoAsSeen>>.Success([]);
        }

        return opened.IsSuccess
            ? Result<IReadOnlyList<PhotoAsSeen>>.Success(await SeenAsync(caller.TenantId, (await photos.OfChartAsync(caller.TenantId, chartId, ct)).Select(d => d.Body), ct))
            : opened.Error;
    }

    /// <summary>A patient's photos, the latest visit first (a patient: those of the charts shared with them), of one angle when asked.</summary>
    public async Task<Result<IReadOnlyList<PhotoAsSeen>>> OfPatientAsync(Caller caller, string patientId, string? angle, CancellationToken ct = default)
    {
        if (await access.CheckPatientAsync(caller, patientId, ct) is { } refused)
        {
            return refused;
        }

        PhotoAngle? only = null;
        if (angle is not null && (only = WireNames.Parse<PhotoAngle>(angle)) is null)
        {
            return Error.Invalid.Field("angle", AddChartPhoto.AngleChoices);
        }

        var all = (await photos.OfPatientAsync(caller.TenantId, patientId, ct)).Select(d => d.Body).Where(p => only is null || p.Angle == only);
        if (caller.Role == Role.Patient)
        {
            var shared = (await charts.OfPatientAsync(caller.TenantId, patientId, ct)).Where(c => SharesPhotos(c.Body)).Select(c => c.Body.Id).ToHashSet(StringComparer.Ordinal);
            all = all.Where(p => shared.Contains(p.ChartId));
        }

        return Result<IReadOnlyList<PhotoAsSeen>>.Success(await SeenAsync(caller.TenantId, all, ct));
    }

    /// <summary>The image (or its thumbnail) itself, for whoever may read its chart.</summary>
    public async Task<Result<(Stream Content, string ContentType)>> ImageAsync(Caller caller, string photoId, bool thumbnail, CancellationToken ct = default)
    {
        if (await photos.GetAsync(caller.TenantId, photoId, ct) is not { Body: { Removed: null } photo })
        {
            return NotFound(photoId);
        }

        var opened = await access.OpenAsync(caller, photo.ChartId, ct);
        if (!opened.IsSuccess || (caller.Role == Role.Patient && !SharesPhotos(opened.Value.Body)))
        {
            return opened.Error is Error.Forbidden ? opened.Error : NotFound(photoId);
        }

        return await files.GetAsync(caller.TenantId, thumbnail ? photo.ThumbnailPath : photo.ImagePath, ct) is { } file ? file : NotFound(photoId);
    }

    /// <summary>
    /// The clinic's photos that may be used in marketing today (the patient's photo release says so), a page at a time,
    /// the latest first. A photo without that consent is never in it, whatever it was when it was taken.
    /// </summary>
    public async Task<Result<(IReadOnlyList<PhotoAsSeen> Items, string? ContinuationToken)>> ForMarketingAsync(Caller caller, int pageSize, string? continuationToken, CancellationToken ct = default)
    {
        if (caller.Role != Role.Admin)
        {
            return new Error.Forbidden("Only an admin exports photos for marketing.");
        }

        var page = await photos.PageAsync(caller.TenantId, pageSize, continuationToken, ct);
        if (!page.IsSuccess)
        {
            return page.Error;
        }

        var seen = await SeenAsync(caller.TenantId, page.Value.Items.Select(d => d.Body).Where(p => p.Removed is null), ct);
        return (seen.Where(p => p.Consent == PhotoConsent.Marketing).ToList(), page.Value.ContinuationToken);
    }

    private async Task<IReadOnlyList<PhotoAsSeen>> SeenAsync(string tenantId, IEnumerable<ClinicalPhoto> found, CancellationToken ct)
    {
        var expires = clock.GetUtcNow() + LinkLifetime;
        var consents = new Dictionary<string, PhotoConsent>(StringComparer.Ordinal);
        var seen = new List<PhotoAsSeen>();
        foreach (var photo in found)
        {
            if (!consents.TryGetValue(photo.PatientId, out var allowed))
            {
                consents[photo.PatientId] = allowed = await consent.OfAsync(tenantId, photo.PatientId, ct);
            }

            seen.Add(new PhotoAsSeen(photo, allowed,
                await files.ReadLinkAsync(tenantId, photo.ImagePath, expires, ct), await files.ReadLinkAsync(tenantId, photo.ThumbnailPath, expires, ct), expires));
        }

        return seen;
    }

    /// <summary>A patient sees the photos of a chart shared whole with them (an after-care-only share leaves them out).</summary>
    private static bool SharesPhotos(Chart chart) => chart.SharedAt is not null && !chart.SharesAfterCareOnly;

    private static Error.NotFound NotFound(string id) => new($"No photo with id '{id}' in this clinic.");
}
