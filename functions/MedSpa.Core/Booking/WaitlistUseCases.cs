using MedSpa.Core.Patients;

namespace MedSpa.Core.Booking;

/// <summary>Who may see a waitlist entry or offer: patients their own, staff any of their clinic.</summary>
public static class WaitlistAccess
{
    public static bool MaySee(Caller caller, string tenantId, string patientId) => caller.Role == Role.Patient
        ? caller.PatientId is not null && caller.PatientId == patientId && caller.TenantId == tenantId
        : caller.Is(Role.Staff) && caller.TenantId == tenantId;
}

/// <summary>A patient joins the waitlist for themselves; staff add a patient (by id) on their behalf.</summary>
public sealed class JoinWaitlist(ClinicSetupReader setupReader, WaitlistBook book, PatientRegistry patients, TimeProvider clock)
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

/// <summary>Reading the waitlist and leaving it.</summary>
public sealed class WaitlistDesk(WaitlistBook book, ClinicSetupReader setupReader, TimeProvider clock)
{
    /// <summary>Patients: their own entries. Staff: the clinic's, or one location's. Entries no longer waiting only when asked.</summary>
    public async Task<Result<IReadOnlyList<Document<WaitlistEntry>>>> ListAsync(Caller caller, string? locationId, bool includeClosed, CancellationToken ct = default)
    {
        IReadOnlyList<Document<WaitlistEntry>> entries;
        if (caller.Role == Role.Patient)
        {
            entries = caller.PatientId is null ? [] : await book.EntriesOfPatientAsync(caller.TenantId, caller.PatientId, ct);
        }
        else
        {
            if (locationId is not null && (await setupReader.LoadAsync(caller.TenantId, ct)).Location(locationId) is null)
            {
                return Error.Invalid.Field("locationId", "No such location in this clinic.");
            }

            entries = await book.EntriesAsync(caller.TenantId, locationId, ct);
        }

        return entries.Where(e => includeClosed || e.Body.IsWaiting)
            .OrderBy(e => e.Body.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Leaves the waitlist (idempotent). A booked entry stays: its appointment is cancelled instead.</summary>
    public async Task<Result<Document<WaitlistEntry>>> LeaveAsync(Caller caller, string id, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = await book.GetEntryAsync(caller.TenantId, id, ct);
            if (found is null || !WaitlistAccess.MaySee(caller, found.Body.TenantId, found.Body.PatientId))
            {
                return new Error.NotFound($"No waitlist entry '{id}' for you in this clinic.");
            }

            var entry = found.Body;
            var wasRemoved = entry.Status == WaitlistStatus.Removed;
            var removed = entry.Remove(clock.GetUtcNow());
            if (!removed.IsSuccess || wasRemoved)
            {
                return removed.IsSuccess ? found : removed.Error;
            }

            try
            {
                return await book.SaveEntryAsync(entry, found.ETag, ct);
            }
            catch (DocumentStaleException) when (attempt < 5)
            {
                // An offer changed the entry meanwhile: read it again.
            }
        }
    }

    public async Task<Result<Document<WaitlistSlotOffer>>> GetOfferAsync(Caller caller, string offerId, CancellationToken ct = default)
    {
        var found = await book.GetOfferAsync(caller.TenantId, offerId, ct);
        return found is not null && WaitlistAccess.MaySee(caller, found.Body.TenantId, found.Body.PatientId)
            ? found
            : new Error.NotFound($"No waitlist offer '{offerId}' for you in this clinic.");
    }
}
