using System.Text.Json.Serialization;

namespace MedSpa.Core.Common;

/// <summary>How a clinic writes times for people: "2:30 PM" or "14:30". Chosen in the booking policies; 12-hour until then.</summary>
public enum ClockFormat
{
    [JsonStringEnumMemberName("12h")]
    TwelveHour,

    [JsonStringEnumMemberName("24h")]
    TwentyFourHour,
}

public static class ClockFormats
{
    /// <summary>The time of day of a wall-clock value at the location, the clinic's way ("2:30 PM" / "14:30").</summary>
    public static string TimeOfDay(this ClockFormat format, DateTimeOffset local) =>
        local.ToString(format == ClockFormat.TwentyFourHour ? "HH:mm" : "h:mm tt", CultureInfo.InvariantCulture);
}
