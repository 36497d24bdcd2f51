namespace MedSpa.Core.Patients;

/// <summary>Everything the clinic holds on one patient, gathered for them (GDPR right of access).</summary>
public sealed record PatientExport(
    Document<Patient> Patient,
    IReadOnlyList<Document<Booking.Appointment>> Appointments,
    IReadOnlyList<Waitlist.WaitlistEntry> Waitlist,
    IReadOnlyList<Notifications.PatientNotice> Messages,
    IReadOnlyList<Forms.FormSubmission> Forms,
    IReadOnlyList<Charts.Chart> Charts,
    IReadOnlyList<ExportedPhoto> Photos,
    IReadOnlyList<AccessLogEntry> AccessLog);

/// <summary>A clinical photo in the export: what it shows and when, and the image itself as a data: URL (as kept: no metadata).</summary>
public sealed record ExportedPhoto(Photos.ClinicalPhoto Photo, string? Image);

/// <summary>
/// The patient's data export: their record, appointments, waitlist entries, the messages sent to them, the forms and
/// consents they signed (answers, drawn signatures and evidence), their charts (whole: the right of access covers the
/// clinical record), their clinical photos (the images themselves, as data: URLs, like the files in their forms) and
/// who used their record. The patient may export their own; admins any patient's (to answer a request made at the desk).
/// </summary>
public sealed class ExportPatientRecord(
    PatientStore patients, Booking.AppointmentStore appointments, Waitlist.WaitlistStore waitlist, Notifications.PatientNoticeStore notices, Forms.FormStore forms,
    Charts.ChartStore charts, Photos.PhotoStore photos, Files.IFileStore files, PatientAccessLog accessLog)
{
    public async Task<Result<PatientExport>> ExportAsync(Caller caller, string id, CancellationToken ct = default)
    {
        var entries = new List<AccessLogEntry>();
        string? token = null;
        do
        {
            // The access log applies the rule (the patient themself, or an admin), so it is read first.
            var page = await accessLog.ReadAsync(caller, id, token, ct);
            if (!page.IsSuccess)
            {
                return page.Error;
            }

            entries.AddRange(page.Value.Entries);
            token = page.Value.ContinuationToken;
        }
        while (token is not null);

        if (await patients.DocumentAsync(caller.TenantId, id, ct) is not { } patient)
        {
            return PatientAccess.NotFound(id);
        }

        return new PatientExport(
            patient,
            await appointments.PatientDocumentsAsync(caller.TenantId, id, ct),
            [.. (await waitlist.EntriesOfPatientAsync(caller.TenantId, id, ct)).Select(d => d.Body)],
            await notices.AllForPatientAsync(caller.TenantId, id, ct),
            [.. (await forms.SubmissionsOfAsync(caller.TenantId, id, ct)).Select(d => d.Body)],
            [.. (await charts.OfPatientAsync(caller.TenantId, id, ct)).Select(d => d.Body)],
            await PhotosAsync(caller.TenantId, id, ct),
            entries);
    }

    private async Task<IReadOnlyList<ExportedPhoto>> PhotosAsync(string tenantId, string patientId, CancellationToken ct)
    {
        var exported = new List<ExportedPhoto>();
        foreach (var photo in (await photos.OfPatientAsync(tenantId, patientId, ct)).Select(d => d.Body))
        {
            string? image = null;
            if (await files.GetAsync(tenantId, photo.ImagePath, ct) is { } file)
            {
                await using var content = file.Content;
                using var copy = new MemoryStream();
                await content.CopyToAsync(copy, ct);
                image = $"data:{file.ContentType};base64,{Convert.ToBase64String(copy.GetBuffer(), 0, (int)copy.Length)}";
            }

            exported.Add(new ExportedPhoto(photo, image));
        }

        return exported;
    }
}
