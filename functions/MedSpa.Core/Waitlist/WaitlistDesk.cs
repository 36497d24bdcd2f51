using MedSpa.Core.Patients;

namespace MedSpa.Core.Waitlist;

/// <summary>Reading the waitlist and leaving it.</summary>
public sealed class WaitlistDesk(WaitlistStore book, ClinicSetupStore setupReader, TimeProvider clock)
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
