using MedSpa.Core.Messaging;
using MedSpa.Core.Notifications;

namespace MedSpa.Core.Booking;

/// <summary>
/// Tells the patient their appointment moved (its new where and when) or was cancelled, through the outbox in the
/// clinic's words for those kinds. Once per change: a move's notice is named after the time it moved to, a
/// cancellation's after the appointment. A visit that no longer is as the event said (moved again, cancelled since)
/// is told by the event that made it so.
/// </summary>
public sealed class TellPatientOfChange(AppointmentStore appointments, ClinicSetupStore setup, BookingPolicyStore policies, PatientNoticeStore notices, TimeProvider clock)
{
    public async Task MovedAsync(string tenantId, string appointmentId, CancellationToken ct = default)
    {
        if ((await appointments.GetAsync(tenantId, appointmentId, ct))?.Body is not { HoldsTime: true } appointment)
        {
            return;
        }

        await TellAsync(appointment, MessageKind.Change, $"{appointment.Id}:moved:{appointment.StartTime.UtcDateTime:yyyyMMdd'T'HHmm}", ct);
    }

    public async Task CancelledAsync(string tenantId, string appointmentId, CancellationToken ct = default)
    {
        if ((await appointments.GetAsync(tenantId, appointmentId, ct))?.Body is not { Status: AppointmentStatus.Cancelled } appointment)
        {
            return; // a no-show frees its time too, and is not a cancellation to tell of
        }

        await TellAsync(appointment, MessageKind.Cancellation, $"{appointment.Id}:cancelled", ct);
    }

    private async Task TellAsync(Appointment appointment, MessageKind kind, string noticeId, CancellationToken ct)
    {
        var values = AppointmentWording.Values(await setup.LoadAsync(appointment.TenantId, ct), appointment, (await policies.GetAsync(appointment.TenantId, ct)).Body.ClockFormat);
        var words = MessageCatalog.For(kind);
        var link = new Dictionary<string, string>(values) { ["link"] = PlanMessage.PatientAppointmentsPath };
        await notices.RecordAsync(new PatientNotice(noticeId, appointment.TenantId, appointment.PatientId, words.Subject,
            MessageCatalog.Render(words.Email, link), clock.GetUtcNow()) { Template = kind, Values = values }, ct);
    }
}
