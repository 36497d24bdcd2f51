using MedSpa.Core.Notifications;
using MedSpa.Core.Payments;
using MedSpa.Core.Booking;

namespace MedSpa.Core.Deposits;

/// <summary>
/// The booking saga's two endings: a paid deposit turns the hold into a booking; a decline or an expired hold
/// releases the time at once and tells the patient. Both are idempotent (activities run at least once).
/// </summary>
public sealed class SettleDeposit(AppointmentStore book, ResourceLedgerStore claims, PatientNoticeStore notices, CloseDeposit close, SendBookingConfirmation confirmation, TimeProvider clock)
{
    public async Task<string> ConfirmAsync(string tenantId, string appointmentId, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = await book.GetAsync(tenantId, appointmentId, ct);
            if (found is null)
            {
                return "missing";
            }

            var appointment = found.Body;
            if (appointment.Status != AppointmentStatus.PendingDeposit)
            {
                // Paid for a booking that is no longer held (cancelled or released meanwhile): the money goes back.
                if (!appointment.HoldsTime && appointment.DepositAmount is { } deposit
                    && await close.CloseAsync(tenantId, appointmentId, deposit, ct) is { Refunded: { } refunded })
                {
                    await notices.RecordAsync(new PatientNotice($"{appointmentId}:refunded", tenantId, appointment.PatientId, "Your deposit was refunded",
                        $"{appointment.ServiceName} was no longer held when your payment arrived, so your deposit of {refunded.ToDisplay()} was refunded.", clock.GetUtcNow()), ct);
                }

                return Appointment.Wire(appointment.Status);
            }

            var claim = appointment.ClaimFor(null);
            var now = clock.GetUtcNow();
            appointment.Schedule("payments", now);
            try
            {
                await book.SaveAsync(appointment, found.ETag, ct);
            }
            catch (DocumentStaleException) when (attempt < 5)
            {
                continue;
            }

            await claims.ConfirmAllAsync(tenantId, appointment.ResourceIds, claim, ct);
            await confirmation.ForAppointmentAsync(tenantId, appointmentId, ct); // in the clinic's words, as a booking that needed no deposit
            return Appointment.Wire(appointment.Status);
        }
    }

    public async Task<string> ReleaseAsync(string tenantId, string appointmentId, string reason, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = await book.GetAsync(tenantId, appointmentId, ct);
            if (found is null)
            {
                return "missing";
            }

            var appointment = found.Body;
            var claim = appointment.ClaimFor(null);
            if (appointment.Status == AppointmentStatus.PendingDeposit)
            {
                var now = clock.GetUtcNow();
                appointment.Cancel("payments", reason, now, noticeHours: 0);
                try
                {
                    await book.SaveAsync(appointment, found.ETag, ct);
                }
                catch (DocumentStaleException) when (attempt < 5)
                {
                    continue;
                }

                var closed = appointment.DepositAmount is { } deposit ? await close.CloseAsync(tenantId, appointmentId, deposit, ct) : null;
                var refund = closed?.Refunded is { } refunded ? $" Your deposit of {refunded.ToDisplay()} was refunded." : "";
                await notices.RecordAsync(new PatientNotice($"{appointmentId}:released", tenantId, appointment.PatientId, "Your booking was not completed",
                    $"{reason} The time for {appointment.ServiceName} has been released; you are welcome to book again.{refund}", now), ct);
            }
            else if (!appointment.HoldsTime && appointment.DepositAmount is { } deposit)
            {
                // Released already (or cancelled): make sure nothing more can be paid for it.
                await close.CloseAsync(tenantId, appointmentId, deposit, ct);
            }

            if (!appointment.HoldsTime)
            {
                await claims.ReleaseAllAsync(tenantId, appointment.ResourceIds, claim, ct);
            }

            return Appointment.Wire(appointment.Status);
        }
    }
}
