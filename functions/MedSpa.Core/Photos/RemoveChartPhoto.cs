using MedSpa.Core.Charts;
using MedSpa.Core.Files;

namespace MedSpa.Core.Photos;

/// <summary>
/// Takes back a photo filed by mistake (another patient, an unflattering test shot): the practitioner who charted the
/// visit, or an admin, says why; the images are deleted at once, and the record stays, saying who removed it, when and
/// why. Asking again (a retry after a failure) deletes whatever is left and answers the same.
/// </summary>
public sealed class RemoveChartPhoto(ChartAccess access, PhotoStore photos, IFileStore files, TimeProvider clock)
{
    public sealed record Request(string? Reason);

    public async Task<Result<ClinicalPhoto>> RemoveAsync(Caller caller, string photoId, Request request, CancellationToken ct = default)
    {
        if (await photos.GetAsync(caller.TenantId, photoId, ct) is not { } found)
        {
            return new Error.NotFound($"No photo with id '{photoId}' in this clinic.");
        }

        var opened = await access.OpenToWriteAsync(caller, found.Body.ChartId, adminToo: true, ct);
        if (!opened.IsSuccess)
        {
            // A chart the caller may not know of: the photo is not found (its chart's id is not told).
            return opened.Error is Error.Forbidden
                ? new Error.Forbidden("Only the practitioner who charted this visit, or an admin, removes its photos.")
                : new Error.NotFound($"No photo with id '{photoId}' in this clinic.");
        }

        if (found.Body.Removed is not null)
        {
            await DeleteImagesAsync(found.Body, ct);
            return found.Body;
        }

        var reason = request.Reason?.Trim();
        if (reason is null || reason.Length is < 3 or > 300 || reason.Any(char.IsControl))
        {
            return Error.Invalid.Field("reason", "Say why the photo is removed, in 3 to 300 characters.");
        }

        var removed = found.Body with { Removed = new PhotoRemoval(caller.StaffId ?? caller.UserId, caller.DisplayName, clock.GetUtcNow(), reason) };
        try
        {
            await photos.ReplaceAsync(removed, found.ETag, ct);
        }
        catch (DocumentStaleException)
        {
            return new Error.Stale("This photo changed meanwhile. Reload and try again.");
        }

        // The record says removed before the images go: if a delete fails, nothing shows them, and a retry deletes them.
        await DeleteImagesAsync(removed, ct);
        return removed;
    }

    private async Task DeleteImagesAsync(ClinicalPhoto photo, CancellationToken ct)
    {
        await files.DeleteAsync(photo.TenantId, photo.ImagePath, ct);
        await files.DeleteAsync(photo.TenantId, photo.ThumbnailPath, ct);
    }
}
