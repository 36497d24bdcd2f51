namespace MedSpa.Core.Common;

/// <summary>
/// The one place dates and instants from outside are read. Besides the format, each must fall in the years a clinic
/// can mean (2000–2100): years 0001 or 9999 are nobody's appointment, and arithmetic near DateTime's edges (a week
/// after 9999-12-31, a zone offset before 0001-01-01) would otherwise throw deep inside and answer 500.
/// </summary>
public static class ApiDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public const string DateMessage = "Use a date like 2026-11-24, between 2000-01-01 and 2100-12-31.";
    public const string InstantMessage = "Use an ISO 8601 time with its offset, like 2026-11-24T13:00:00-05:00, between the years 2000 and 2100.";

    /// <summary>A calendar date written yyyy-MM-dd, within the range.</summary>
    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && IsInRange(date);

    /// <summary>An instant written in ISO 8601 with its offset (or Z), within the range, returned in UTC.</summary>
    public static bool TryParseInstant(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (value is not { Length: >= 20 and <= 40 } || !(value.EndsWith('Z') || value[^6] is '+' or '-')
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || !IsInRange(DateOnly.FromDateTime(parsed.UtcDateTime)))
        {
            return false;
        }

        instant = parsed.ToUniversalTime();
        return true;
    }

    public static bool IsInRange(DateOnly date) => date >= Earliest && date <= Latest;
}
