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

        var values = AppointmentWording.Values(await setup.LoadAsync(tenantId, ct), appointment, (await policies.GetAsync(tenantId, ct)).Body.ClockFormat);
        var words = Messaging.MessageCatalog.For(Messaging.MessageKind.BookingConfirmation);
        await notices.RecordAsync(new PatientNotice($"{appointment.Id}:confirmed", tenantId, appointment.PatientId, words.Subject,
            Messaging.MessageCatalog.Render(words.Email, values), clock.GetUtcNow()) { Template = words.Kind, Values = values }, ct);
    }
}
