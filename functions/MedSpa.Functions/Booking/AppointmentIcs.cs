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

    public static string Write(AppointmentCalendarEntry entry)
    {
        var calendar = new Calendar { ProductId = ProductId, Scale = "GREGORIAN" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = entry.Uid,
            DtStamp = Utc(entry.Stamp),
            DtStart = Utc(entry.Start),
            DtEnd = Utc(entry.End),
            Summary = entry.Summary,
            Location = entry.Location,
            Description = entry.Description,
            Status = entry.Status,
            Sequence = entry.Sequence,
            Transparency = entry.Status == "CANCELLED" ? "TRANSPARENT" : "OPAQUE",
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Utc(DateTimeOffset instant) =>
        new(DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Utc), CalDateTime.UtcTzId);
}
