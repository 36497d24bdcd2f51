using System.Globalization;
using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Booking;

/// <summary>How a message tells a patient where and when: "at SoHo on Friday 4 December at 2:30 PM", in the location's zone and the clinic's clock.</summary>
public static class AppointmentWording
{
    public static string WhereAndWhen(ClinicSetup setup, string locationId, DateTimeOffset start, ClockFormat clockFormat) =>
        setup.Location(locationId) is { } location && ClinicTime.TryFor(location.TimeZone) is { } time
            ? $"at {location.Name} {When(time.ToLocal(start), clockFormat)}"
            : When(start, clockFormat);

    /// <summary>A visit's variables for the words of a message about it (service, location, when, whereAndWhen).</summary>
    public static IReadOnlyDictionary<string, string> Values(ClinicSetup setup, Appointment appointment, ClockFormat clockFormat)
    {
        var location = setup.Location(appointment.LocationId);
        var local = location is not null && ClinicTime.TryFor(location.TimeZone) is { } time ? time.ToLocal(appointment.StartTime) : appointment.StartTime;
        return new Dictionary<string, string>
        {
            ["service"] = appointment.ServiceName,
            ["location"] = location?.Name ?? "",
            ["when"] = When(local, clockFormat),
            ["whereAndWhen"] = WhereAndWhen(setup, appointment.LocationId, appointment.StartTime, clockFormat),
        };
    }

    public static string When(DateTimeOffset local, ClockFormat clockFormat) =>
        $"{local.ToString("'on' dddd d MMMM", CultureInfo.InvariantCulture)} at {clockFormat.TimeOfDay(local)}";
}
