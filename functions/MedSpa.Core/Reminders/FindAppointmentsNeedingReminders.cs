using MedSpa.Core.Access;
using MedSpa.Core.Booking;
using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Reminders;

/// <summary>
/// The appointments that should have reminders running: every clinic's appointments that stand in the coming two weeks
/// (the furthest reminder is 336 hours ahead), and its visits completed in the last days whose after-care or review is
/// still to come. Whether each has its instance is the caller's to check.
/// </summary>
public sealed class FindAppointmentsNeedingReminders(ClinicStore clinics, ClinicSetupStore setup, BookingPolicyStore policies, AppointmentStore appointments, TimeProvider clock)
{
    public async Task<IReadOnlyList<(string TenantId, string AppointmentId)>> FindAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var found = new List<(string, string)>();
        foreach (var clinic in await clinics.ListAsync(ct))
        {
            var lookBack = (await policies.GetAsync(clinic.TenantId, ct)).Body.ReviewRequestAfterDays + 1;
            foreach (var location in (await setup.LoadAsync(clinic.TenantId, ct)).Locations.Where(l => !l.Deleted))
            {
                var today = ClinicTime.For(location.TimeZone).LocalDate(now);
                foreach (var appointment in await appointments.ForLocationAsync(clinic.TenantId, location.Id, today.AddDays(-lookBack).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), today.AddDays(15).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ct))
                {
                    var upcoming = appointment.StartTime > now && appointment.Status is AppointmentStatus.Scheduled or AppointmentStatus.Confirmed;
                    if (upcoming || appointment.Status == AppointmentStatus.Completed)
                    {
                        found.Add((clinic.TenantId, appointment.Id));
                    }
                }
            }
        }

        return found;
    }
}
