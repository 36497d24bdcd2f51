using System.Globalization;
using MedSpa.Core.Calendars;
using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Booking;

/// <summary>What the staff calendar of a location shows one caller, with the clinic's setup it was read against.</summary>
public sealed record StaffCalendarRead(ClinicSetup Setup, Location Location, ClinicTime Zone, StaffCalendarView View);

/// <summary>
/// The staff calendar of a location for one day or a week: the appointments there, the practitioners' busy times from
/// their own calendars, and each day's hours, split by what the caller may see (<see cref="StaffCalendarView"/>).
/// </summary>
public sealed class ReadStaffCalendar(AppointmentStore book, ClinicSetupStore setup, ExternalBusyTimes ownCalendars)
{
    public async Task<Result<StaffCalendarRead>> ReadAsync(Caller caller, string? locationId, DateOnly from, int days, CancellationToken ct = default)
    {
        var clinic = await setup.LoadAsync(caller.TenantId, ct);
        if (clinic.Location(locationId) is not { } location)
        {
            return new Error.NotFound("No such location in this clinic.");
        }

        var to = from.AddDays(days - 1);
        var zone = ClinicTime.For(location.TimeZone);
        var appointments = await book.LocationDocumentsAsync(caller.TenantId, location.Id, Day(from), Day(to), ct);
        var external = await ownCalendars.BetweenAsync(caller.TenantId, zone.StartOfDay(from), zone.EndOfDay(to), ct);
        return new StaffCalendarRead(clinic, location, zone, StaffCalendarView.For(caller, location, clinic.Staff, appointments, from, days, external));
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
