using MedSpa.Core.Patients;

namespace MedSpa.Core.Forms;

public enum OutstandingReason
{
    /// <summary>An upcoming visit's service requires it and the patient never filled it.</summary>
    Required,

    /// <summary>An upcoming visit requires it and the patient's last one will have expired by then.</summary>
    Expired,

    /// <summary>The desk sent it and it has not come back.</summary>
    Requested,
}

/// <param name="StartTime">The visit that needs it, with the zone of its location (<paramref name="TimeZone"/>).</param>
public sealed record OutstandingForm(string FormId, string Name, FormKind Kind, OutstandingReason Reason, string? AppointmentId, DateTimeOffset? StartTime, string? TimeZone = null);

public sealed record PatientForms(IReadOnlyList<OutstandingForm> Outstanding, IReadOnlyList<FormSubmission> Submissions);

/// <summary>A submission with the version it answered, to show it as it was signed.</summary>
public sealed record SignedForm(FormSubmission Submission, FormContent Content);

/// <summary>
/// A patient's forms: what is still to be filled (for their upcoming visits, or sent by the desk) and what they
/// handed in. Whoever may open the record sees the list; the answers are clinical, so the front desk does not read
/// those of intake forms (medical history), while a consent's signature is theirs to check.
/// </summary>
public sealed class ReadPatientForms(FormStore forms, FormRequirements requirements, PatientAccess access, Booking.AppointmentStore appointments, ClinicSetupStore setupReader, TimeProvider clock)
{
    public async Task<Result<PatientForms>> ReadAsync(Caller caller, string patientId, CancellationToken ct = default)
    {
        if (await OpenAsync(caller, patientId, ct) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var setup = await setupReader.LoadAsync(caller.TenantId, ct);
        var onFile = await requirements.OnFileAsync(caller.TenantId, patientId, ct);
        var outstanding = new List<OutstandingForm>();
        foreach (var visit in (await appointments.ForPatientAsync(caller.TenantId, patientId, ct)).Where(a => a.HoldsTime && a.EndTime > now).OrderBy(a => a.StartTime))
        {
            var missing = setup.Service(visit.ServiceId) is { } service ? onFile.MissingFor(service, visit.StartTime) : [];
            outstanding.AddRange(missing.Where(m => outstanding.All(o => o.FormId != m.FormId)).Select(m => new OutstandingForm(
                m.FormId, m.Name, m.Kind, onFile.HasExpired(m.FormId, visit.StartTime) ? OutstandingReason.Expired : OutstandingReason.Required, visit.Id, visit.StartTime,
                setup.Location(visit.LocationId)?.TimeZone)));
        }

        foreach (var request in await forms.RequestsOfAsync(caller.TenantId, patientId, ct))
        {
            var answered = onFile.Submissions.Any(s => s.FormId == request.FormId && s.SubmittedAt >= request.RequestedAt);
            if (!answered && outstanding.All(o => o.FormId != request.FormId) && onFile.Published.TryGetValue(request.FormId, out var form))
            {
                outstanding.Add(new OutstandingForm(form.Id, form.Content.Name, form.Content.Kind, OutstandingReason.Requested, request.AppointmentId, null));
            }
        }

        return new PatientForms(outstanding, onFile.Submissions);
    }

    public async Task<Result<SignedForm>> ReadSubmissionAsync(Caller caller, string patientId, string submissionId, CancellationToken ct = default)
    {
        if (await OpenAsync(caller, patientId, ct) is { } refused)
        {
            return refused;
        }

        if (await forms.SubmissionAsync(caller.TenantId, submissionId, ct) is not { Body: var submission } || submission.PatientId != patientId)
        {
            return new Error.NotFound($"No submission with id '{submissionId}' on this patient's record.");
        }

        if (submission.FormKind == FormKind.Intake && !(await access.SeesAsync(caller, ct)).Contains(PatientAccess.Part.Clinical))
        {
            return new Error.Forbidden("Only clinicians can read the answers of a medical form.");
        }

        var version = await forms.VersionAsync(caller.TenantId, submission.FormId, submission.Version, ct);
        return version is null ? new Error.NotFound("The version this submission answered is missing.") : new SignedForm(submission, version.Content);
    }

    private async Task<Error?> OpenAsync(Caller caller, string patientId, CancellationToken ct) => (await access.OpenAsync(caller, patientId, ct)).Error;
}
