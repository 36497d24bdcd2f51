using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace MedSpa.Functions.Booking;

/// <summary>
/// An appointment as an iCalendar file (RFC 5545), written by Ical.Net: one VEVENT with a stable UID, times in UTC
/// (no VTIMEZONE needed; calendars show them in the viewer's zone), CRLF lines folded at 75 octets, TEXT escaped.
/// </summary>
public static class AppointmentIcs
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string ProductId = "-//MedSpa//Appointments 1.0//EN";

    public const string FeedProductId = "-//MedSpa//Practitioner Feed 1.0//EN";

    public static string Write(AppointmentCalendarEntry entry)
    {
        var calendar = new Calendar { ProductId = ProductId, Scale = "GREGORIAN" };
        calendar.Events.Add(Event(entry));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// A practitioner's subscribed calendar: every visit as its own VEVENT (the same UIDs as the patient's file), named
    /// for the practitioner, with the refresh hints calendars honour (RFC 7986 REFRESH-INTERVAL; Outlook's X-PUBLISHED-TTL).
    /// </summary>
    public static string WriteFeed(string name, IEnumerable<AppointmentCalendarEntry> entries)
    {
        var calendar = new Calendar { ProductId = FeedProductId, Scale = "GREGORIAN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("NAME", name);
        calendar.AddProperty(new CalendarProperty("REFRESH-INTERVAL", "PT1H") { Parameters = { new CalendarParameter("VALUE", "DURATION") } });
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        foreach (var entry in entries)
        {
            calendar.Events.Add(Event(entry));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent Event(AppointmentCalendarEntry entry) => new()
    {
        Uid = entry.Uid,
        DtStamp = Utc(entry.Stamp),
        DtStart = Utc(entry.Start),
        DtEnd = Utc(entry.End),
        Summary = entry.Summary,
        Location = entry.Location,
        Description = entry.Description is { Length: > 0 } description ? description : null,
        Status = entry.Status,
        Sequence = entry.Sequence,
        Transparency = entry.Status == "CANCELLED" ? "TRANSPARENT" : "OPAQUE",
    };

    private static CalDateTime Utc(DateTimeOffset instant) =>
        new(DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Utc), CalDateTime.UtcTzId);
}
