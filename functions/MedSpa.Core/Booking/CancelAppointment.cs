namespace MedSpa.Core.Booking;

/// <summary>Cancels a booking (patient or staff), frees its time at once and flags late cancellations for a fee.</summary>
public sealed class CancelAppointment(AppointmentAccess access, AppointmentStore book, ResourceLedgerStore claims, BookingPolicyStore policies, ClinicSetupStore setupReader, DomainEventQueue events, TimeProvider clock)
{
    public async Task<Result<Document<Appointment>>> CancelAsync(Booker booker, string id, string? reason, CancellationToken ct = default)
    {
        if (reason?.Length > 500)
        {
            return Error.Invalid.Field("reason", "At most 500 characters.");
        }

        if (!PlainText.IsText(reason))
        {
            return Error.Invalid.Field("reason", PlainText.TextMessage);
        }

        var found = await access.GetAsync(booker, id, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var appointment = found.Value.Body;
        var now = clock.GetUtcNow();
        if (await access.RefusalAsync(booker, appointment, AppointmentActions.Cancel, setupReader, now, ct) is { } refusal)
        {
            return refusal;
        }

        var notice = (await policies.GetAsync(booker.TenantId, ct)).Body.CancellationNoticeHours;
        var claim = appointment.ClaimFor(null);
        var cancelled = appointment.Cancel(booker.Name, reason, now, notice);
        if (!cancelled.IsSuccess)
        {
            return cancelled.Error;
        }

        var saved = await AppointmentWrites.SaveThenAsync(book, appointment, found.Value.ETag,
            () => claims.ReleaseAllAsync(booker.TenantId, appointment.ResourceIds, claim, ct), ct);
        if (saved.IsSuccess)
        {
            events.Raise(new AppointmentFreedItsTime(appointment.TenantId, appointment.Id));
        }

        return saved;
    }
}
