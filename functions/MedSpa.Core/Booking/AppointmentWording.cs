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

    /// <summary>The wall-clock time at a location of an instant (as it is when the location or its zone is unknown).</summary>
    public static DateTimeOffset AtLocation(ClinicSetup setup, string locationId, DateTimeOffset instant) =>
        setup.Location(locationId) is { } location && ClinicTime.TryFor(location.TimeZone) is { } time ? time.ToLocal(instant) : instant;

    /// <summary>A visit's variables for the words of a message about it (service, location, when, whereAndWhen).</summary>
    public static IReadOnlyDictionary<string, string> Values(ClinicSetup setup, Appointment appointment, ClockFormat clockFormat)
    {
        var location = setup.Location(appointment.LocationId);
        var local = AtLocation(setup, appointment.LocationId, appointment.StartTime);
        return new Dictionary<string, string>
        {
            ["service"] = appointment.ServiceName,
            ["location"] = location?.Name ?? "",
            ["when"] = When(local, clockFormat),
            ["whereAndWhen"] = WhereAndWhen(setup, appointment.LocationId, appointment.StartTime, clockFormat),
            [LocalDate] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [LocalTime] = clockFormat.TimeOfDay(local),
        };
    }

    /// <summary>
    /// The visit's local date and time of day (the clinic's clock) among a message's values, so that its "when" can be
    /// written in the patient's language. Not variables a clinic can use: a variable is letters only.
    /// </summary>
    public const string LocalDate = "_date", LocalTime = "_time";

    /// <summary>
    /// The values with "when" and "whereAndWhen" written in <paramref name="language"/> ("martes 8 de diciembre, 2:30 PM",
    /// "SoHo, martes 8 de diciembre, 2:30 PM"); English, or values without the visit's local date, are left as they are.
    /// </summary>
    public static Dictionary<string, string> InLanguage(Dictionary<string, string> values, string language)
    {
        if (language.StartsWith("en", StringComparison.Ordinal) || !values.TryGetValue(LocalDate, out var date) || !values.TryGetValue(LocalTime, out var time)
            || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return values;
        }

        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return values;
        }

        var when = $"{day.ToString("dddd", culture)} {day.ToString(culture.DateTimeFormat.MonthDayPattern, culture)}, {time}";
        var location = values.GetValueOrDefault("location");
        return new Dictionary<string, string>(values) { ["when"] = when, ["whereAndWhen"] = string.IsNullOrEmpty(location) ? when : $"{location}, {when}" };
    }

    public static string When(DateTimeOffset local, ClockFormat clockFormat) =>
        $"{local.ToString("'on' dddd d MMMM", CultureInfo.InvariantCulture)} at {clockFormat.TimeOfDay(local)}";
}
