namespace MedSpa.Core.Patients;

/// <summary>Everything the clinic holds on one patient, gathered for them (GDPR right of access).</summary>
public sealed record PatientExport(
    Document<Patient> Patient,
    IReadOnlyList<Document<Booking.Appointment>> Appointments,
    IReadOnlyList<Waitlist.WaitlistEntry> Waitlist,
    IReadOnlyList<Notifications.PatientNotice> Messages,
    IReadOnlyList<Forms.FormSubmission> Forms,
    IReadOnlyList<Charts.Chart> Charts,
    IReadOnlyList<AccessLogEntry> AccessLog);

/// <summary>
/// The patient's data export: their record, appointments, waitlist entries, the messages sent to them, the forms and
/// consents they signed (answers, drawn signatures and evidence), their charts (whole: the right of access covers the
/// clinical record) and who used their record. The patient may export their own; admins any patient's (to answer a
/// request made at the desk). Photos join it with the photo module.
/// </summary>
public sealed class ExportPatientRecord(
    PatientStore patients, Booking.AppointmentStore appointments, Waitlist.WaitlistStore waitlist, Notifications.PatientNoticeStore notices, Forms.FormStore forms,
    Charts.ChartStore charts, PatientAccessLog accessLog)
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
            entries);
    }
}
