using MedSpa.Core.Notifications;

namespace MedSpa.Core.Booking;

/// <summary>A booking that stands at once (no deposit to wait for): the patient is to be told.</summary>
public sealed record AppointmentBooked(string TenantId, string AppointmentId) : IDomainEvent;

/// <summary>
/// Tells the patient their booking stands — what, where and when, in the location's zone — through the outbox (which
/// sends it by email and text). Once per appointment: the notice's id is the appointment's confirmation, as the deposit's
/// confirmation is for a booking that waited for its deposit.
/// </summary>
public sealed class SendBookingConfirmation(AppointmentStore appointments, ClinicSetupStore setup, BookingPolicyStore policies, PatientNoticeStore notices, TimeProvider clock)
{
    public async Task ForAppointmentAsync(string tenantId, string appointmentId, CancellationToken ct = default)
    {
        if ((await appointments.GetAsync(tenantId, appointmentId, ct))?.Body is not { Status: AppointmentStatus.Scheduled or AppointmentStatus.Confirmed } appointment)
        {
            return; // cancelled meanwhile, or still held: nothing to confirm
        }

        var where = AppointmentWording.WhereAndWhen(await setup.LoadAsync(tenantId, ct), appointment.LocationId, appointment.StartTime, (await policies.GetAsync(tenantId, ct)).Body.ClockFormat);
        await notices.RecordAsync(new PatientNotice($"{appointment.Id}:confirmed", tenantId, appointment.PatientId, "You're booked",
            $"{appointment.ServiceName} {where} is booked. We look forward to seeing you.", clock.GetUtcNow()), ct);
    }
}
