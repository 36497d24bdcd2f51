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

    public static string When(DateTimeOffset local, ClockFormat clockFormat) =>
        $"{local.ToString("'on' dddd d MMMM", CultureInfo.InvariantCulture)} at {clockFormat.TimeOfDay(local)}";
}
