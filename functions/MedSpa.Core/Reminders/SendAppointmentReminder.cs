using MedSpa.Core.Booking;
using MedSpa.Core.Notifications;

namespace MedSpa.Core.Reminders;

/// <summary>
/// Sends one reminder when its time comes — only for an appointment that still stands at the time it was planned for
/// (never for one cancelled or moved meanwhile); after-care and the review request only after a completed visit. Through
/// the outbox, once: the notice's id names the appointment, the reminder and the start, so a retried activity writes it once.
/// </summary>
public sealed class SendAppointmentReminder(AppointmentStore appointments, ClinicSetupStore setup, BookingPolicyStore policies, PatientNoticeStore notices, TimeProvider clock)
{
    /// <returns>"sent", or why not.</returns>
    public async Task<string> SendAsync(ReminderDue due, CancellationToken ct = default)
    {
        if ((await appointments.GetAsync(due.TenantId, due.AppointmentId, ct))?.Body is not { } appointment || appointment.Status is AppointmentStatus.Cancelled or AppointmentStatus.NoShow)
        {
            return "skipped: cancelled";
        }

        if (appointment.StartTime != due.PlannedStart)
        {
            return "skipped: moved";
        }

        var afterVisit = due.Key is ReminderKeys.AfterCare or ReminderKeys.Review;
        if (afterVisit ? appointment.Status != AppointmentStatus.Completed : appointment.Status is not (AppointmentStatus.Scheduled or AppointmentStatus.Confirmed))
        {
            return $"skipped: {Appointment.Wire(appointment.Status)}";
        }

        var values = AppointmentWording.Values(await setup.LoadAsync(due.TenantId, ct), appointment, (await policies.GetAsync(due.TenantId, ct)).Body.ClockFormat);
        var words = Messaging.MessageCatalog.For(due.Key switch
        {
            ReminderKeys.AfterCare => Messaging.MessageKind.AfterCare,
            ReminderKeys.Review => Messaging.MessageKind.ReviewRequest,
            _ => Messaging.MessageKind.Reminder,
        });
        await notices.RecordAsync(new PatientNotice($"{appointment.Id}:reminder:{due.Key}:{appointment.StartTime.UtcDateTime:yyyyMMdd'T'HHmm}", due.TenantId, appointment.PatientId,
            words.Subject, Messaging.MessageCatalog.Render(words.Email, values), clock.GetUtcNow()) { Template = words.Kind, Values = values }, ct);
        return "sent";
    }
}
