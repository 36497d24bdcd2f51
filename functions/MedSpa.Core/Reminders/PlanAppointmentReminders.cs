using MedSpa.Core.Booking;
using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Reminders;

/// <summary>
/// Plans an appointment's reminders from the clinic's rules (<see cref="BookingPolicies.ReminderHoursBefore"/>,
/// after-care, review request): a reminder some hours before is that many real hours before the start; the after-care
/// and review messages go at 10:00 on a local date in the location's zone (so a DST change never moves them).
/// </summary>
public sealed class PlanAppointmentReminders(AppointmentStore appointments, ClinicSetupStore setup, BookingPolicyStore policies)
{
    public async Task<ReminderPlan> PlanAsync(string tenantId, string appointmentId, CancellationToken ct = default)
    {
        if ((await appointments.GetAsync(tenantId, appointmentId, ct))?.Body is not { } appointment || appointment.Status is AppointmentStatus.Cancelled or AppointmentStatus.NoShow)
        {
            return ReminderPlan.Stopped;
        }

        var rules = (await policies.GetAsync(tenantId, ct)).Body;
        var zone = (await setup.LoadAsync(tenantId, ct)).Location(appointment.LocationId)?.TimeZone ?? "UTC";
        var clock = ClinicTime.For(zone);
        var visitDate = clock.LocalDate(appointment.StartTime);
        DateTimeOffset Morning(DateOnly date) => clock.WallClockSpan(date, ReminderKeys.MorningSend, ReminderKeys.MorningSend).Start;

        var reminders = rules.ReminderHoursBefore.Distinct().Select(h => new PlannedReminder(ReminderKeys.HoursBefore(h), appointment.StartTime.AddHours(-h))).ToList();
        if (rules.AfterCareMessage)
        {
            reminders.Add(new PlannedReminder(ReminderKeys.AfterCare, Morning(visitDate.AddDays(1))));
        }

        if (rules.ReviewRequestAfterDays > 0)
        {
            reminders.Add(new PlannedReminder(ReminderKeys.Review, Morning(visitDate.AddDays(rules.ReviewRequestAfterDays))));
        }

        return new ReminderPlan(true, appointment.StartTime, [.. reminders.OrderBy(r => r.At)]);
    }
}
