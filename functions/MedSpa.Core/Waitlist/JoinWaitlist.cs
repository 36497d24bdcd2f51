using MedSpa.Core.Patients;

namespace MedSpa.Core.Waitlist;

/// <summary>A patient joins the waitlist for themselves; staff add a patient (by id) on their behalf.</summary>
public sealed class JoinWaitlist(ClinicSetupStore setupReader, WaitlistStore book, PatientStore patients, TimeProvider clock)
{
    /// <summary>Active (or offered) entries a patient may have at once.</summary>
    public const int MaxWaitingPerPatient = 5;

    public async Task<Result<Document<WaitlistEntry>>> JoinAsync(Caller caller, WaitlistRequest request, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var setup = await setupReader.LoadAsync(caller.TenantId, ct);
        var terms = WaitlistValidation.Validate(request, setup, now);
        var patient = await ResolvePatientAsync(caller, request.PatientId, ct);
        if (patient.Error is Error.Forbidden forbidden)
        {
            return forbidden;
        }

        if (!terms.IsSuccess || !patient.IsSuccess)
        {
            var errors = new Dictionary<string, string[]>();
            foreach (var invalid in new[] { terms.Error, patient.Error }.OfType<Error.Invalid>())
            {
                foreach (var (field, messages) in invalid.FieldErrors)
                {
                    errors[field] = messages;
                }
            }

            return new Error.Invalid(errors);
        }

        var waiting = (await book.EntriesOfPatientAsync(caller.TenantId, patient.Value.Id, ct)).Count(e => e.Body.IsWaiting);
        if (waiting >= MaxWaitingPerPatient)
        {
            return new Error.Conflict($"{(caller.Role == Role.Patient ? "You are" : "This patient is")} already on the waitlist {waiting} times, the most at once. Leave one before joining another.");
        }

        var t = terms.Value;
        var entry = WaitlistEntry.Join($"wait-{Guid.NewGuid():N}", caller.TenantId, patient.Value.Id, $"{patient.Value.FirstName} {patient.Value.LastName}",
            t.Service.Id, t.Service.Name, t.Location.Id, t.PractitionerId, t.FromDate, t.ToDate, t.TimesOfDay, caller.Email, now);
        return await book.AddEntryAsync(entry, ct);
    }

    private async Task<Result<Patient>> ResolvePatientAsync(Caller caller, string? patientId, CancellationToken ct)
    {
        if (caller.Role == Role.Patient)
        {
            if (!string.IsNullOrWhiteSpace(patientId) && patientId != caller.PatientId)
            {
                return Error.Invalid.Field("patientId", "Patients join the waitlist for themselves; leave patientId out.");
            }

            var own = caller.PatientId is null ? null : await patients.GetAsync(caller.TenantId, caller.PatientId, ct);
            return own is null ? new Error.Forbidden("Your sign-in is not linked to a patient record.") : own;
        }

        if (string.IsNullOrWhiteSpace(patientId))
        {
            return Error.Invalid.Field("patientId", "Required: the patient to put on the waitlist.");
        }

        var patient = await patients.GetAsync(caller.TenantId, patientId, ct);
        return patient is null ? Error.Invalid.Field("patientId", "No such patient in this clinic.") : patient;
    }
}
