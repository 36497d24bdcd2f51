namespace MedSpa.Core.Patients;

/// <summary>
/// Takes a patient off the clinic's lists, or brings them back. A record is never deleted: appointments, charts and
/// payments refer to it, and the law keeps clinical records for years. Admins only; If-Match like every edit.
/// </summary>
public sealed class ArchivePatient(PatientStore patients, TimeProvider clock)
{
    public async Task<Result<Document<Patient>>> SetArchivedAsync(Caller caller, string id, bool archived, string? ifMatch, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return new Error.VersionRequired("This page's copy of the patient is out of date. Reload it and try again.");
        }

        if (await patients.DocumentAsync(caller.TenantId, id, ct) is not { } current || current.Body.TenantId != caller.TenantId)
        {
            return PatientAccess.NotFound(id);
        }

        return current.Body.Archived == archived
            ? current
            : await patients.ReplaceAsync(current.Body with { Archived = archived, UpdatedAt = clock.GetUtcNow() }, ifMatch, ct);
    }
}
