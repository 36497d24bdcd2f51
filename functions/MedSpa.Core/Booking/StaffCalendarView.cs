using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Booking;

/// <summary>A span of real time, <c>[Start, End)</c>, in UTC.</summary>
public sealed record TimeRange(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// One shown day at a location: when it is open and when each practitioner works, both as real time clipped to the
/// day (local midnight to local midnight), so the calendar can shade what cannot be booked.
/// </summary>
/// <param name="Date">The local date at the location.</param>
/// <param name="Closure">The reason of a closure on this date, or null.</param>
/// <param name="Open">Opening hours on this date (an overnight tail of the day before included), merged.</param>
/// <param name="Working">Per practitioner id: working hours at this location on this date, after dated exceptions and
/// time off (an overnight tail of the day before included), merged. Empty: not working.</param>
public sealed record CalendarDayHours(DateOnly Date, string? Closure, IReadOnlyList<TimeRange> Open, IReadOnlyDictionary<string, IReadOnlyList<TimeRange>> Working);

/// <summary>
/// Time a practitioner cannot be booked, shown with no detail: a colleague's appointment as a practitioner may see it
/// (nothing about the patient), or a busy time from the practitioner's own Google or Microsoft 365 calendar.
/// </summary>
public sealed record BusyBlock(string PractitionerId, DateTimeOffset Start, DateTimeOffset End, BusySource Source = BusySource.Appointment);

public enum BusySource
{
    /// <summary>An appointment the caller may not see.</summary>
    Appointment,

    /// <summary>The practitioner's own calendar says they are busy (only when, never what).</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("own-calendar")]
    OwnCalendar,
}

/// <summary>What the staff calendar shows one caller for a location and some days.</summary>
/// <param name="Practitioners">Practitioners with working hours at the location, in setup order.</param>
/// <param name="Appointments">The appointments the caller may see in full.</param>
/// <param name="Busy">Live appointments the caller may not see (a practitioner's colleagues'), and the practitioners' busy
/// times from their own calendars, as busy blocks only.</param>
public sealed record StaffCalendarView(
    IReadOnlyList<StaffMember> Practitioners,
    IReadOnlyList<Document<Appointment>> Appointments,
    IReadOnlyList<BusyBlock> Busy,
    IReadOnlyList<CalendarDayHours> Days)
{
    /// <summary>
    /// Splits the location's appointments into those <paramref name="caller"/> may see (<see cref="AppointmentAccess.MaySee"/>)
    /// and busy blocks for the rest, and gives each day's opening and working hours. Pure.
    /// </summary>
    public static StaffCalendarView For(Caller caller, Location location, IEnumerable<StaffMember> staff, IEnumerable<Document<Appointment>> appointments, DateOnly from, int days,
        IEnumerable<Scheduling.BusyInterval>? ownCalendars = null)
    {
        var practitioners = staff.Where(s => !s.Deleted && s.Role == StaffRole.Practitioner && s.WorkingHours.Any(h => h.LocationId == location.Id)).ToList();
        var visible = new List<Document<Appointment>>();
        var busy = new List<BusyBlock>();
        foreach (var document in appointments)
        {
            var a = document.Body;
            if (AppointmentAccess.MaySee(caller, a))
            {
                visible.Add(document);
            }
            else if (a.HoldsTime && a.TenantId == caller.TenantId)
            {
                busy.Add(new BusyBlock(a.PractitionerId, a.StartTime, a.EndTime));
            }
        }

        // Each practitioner's own calendar, within the shown days: it blocks their booking here as everywhere.
        var clock = ClinicTime.For(location.TimeZone);
        var (shownFrom, shownTo) = (clock.StartOfDay(from), clock.EndOfDay(from.AddDays(days - 1)));
        busy.AddRange((ownCalendars ?? [])
            .Where(b => practitioners.Any(p => p.Id == b.ResourceId) && b.Start < shownTo && b.End > shownFrom)
            .Select(b => new BusyBlock(b.ResourceId, b.Start, b.End, BusySource.OwnCalendar)));
        busy.Sort(static (x, y) => x.Start.CompareTo(y.Start));
        return new StaffCalendarView(practitioners, visible, busy, CalendarHours.For(location, practitioners, from, days));
    }
}

/// <summary>
/// Opening and working hours per shown day, read by the same rules as the availability engine (<see cref="HourRanges"/>,
/// <see cref="ClinicTime"/>): a range belongs to the date it starts on, may end at 24:00 or run overnight into the next
/// date, a closure removes that date's ranges (tail included), a working exception replaces the weekly ranges of its date,
/// and time off is taken out. Pure.
/// </summary>
public static class CalendarHours
{
    public static IReadOnlyList<CalendarDayHours> For(Location location, IEnumerable<StaffMember> practitioners, DateOnly from, int days)
    {
        var clock = ClinicTime.For(location.TimeZone);
        var closures = HourRanges.Closures(location);
        var opening = HourRanges.OpeningWeek(location);
        int[] OpeningOn(DateOnly d) => closures.ContainsKey(d) ? HourRanges.NoRanges : opening[(int)d.DayOfWeek];

        var working = practitioners
            .Select(p => (p.Id, Week: HourRanges.WorkingWeek(p, location.Id), Exceptions: HourRanges.WorkingExceptions(p, location.Id), p.TimeOff))
            .ToList();

        var result = new List<CalendarDayHours>(days);
        for (var date = from; date < from.AddDays(days); date = date.AddDays(1))
        {
            long dayStart = clock.StartOfDay(date).UtcTicks, dayEnd = clock.EndOfDay(date).UtcTicks;
            var byPractitioner = new Dictionary<string, IReadOnlyList<TimeRange>>(StringComparer.Ordinal);
            foreach (var (id, week, exceptions, timeOff) in working)
            {
                int[] RangesOn(DateOnly d) => exceptions.TryGetValue(d, out var instead) ? instead : week[(int)d.DayOfWeek];
                var spans = Spans(clock, date, RangesOn, dayStart, dayEnd);
                foreach (var off in timeOff ?? [])
                {
                    spans = Subtract(spans, off.Start.UtcTicks, off.End.UtcTicks);
                }

                byPractitioner[id] = ToRanges(spans);
            }

            result.Add(new CalendarDayHours(date, closures.TryGetValue(date, out var reason) ? reason : null, ToRanges(Spans(clock, date, OpeningOn, dayStart, dayEnd)), byPractitioner));
        }

        return result;
    }

    // The real-time spans of the date's ranges and of the previous date's (whose overnight part reaches into it),
    // clipped to the date's day, sorted and merged.
    private static List<(long Start, long End)> Spans(ClinicTime clock, DateOnly date, Func<DateOnly, int[]> rangesOn, long dayStart, long dayEnd)
    {
        var spans = new List<(long Start, long End)>();
        foreach (var d in new[] { date.AddDays(-1), date })
        {
            var ranges = rangesOn(d);
            for (int r = 0; r < ranges.Length; r += 2)
            {
                var (s, e) = clock.SpanTicks(d, ranges[r], ranges[r + 1]);
                s = Math.Max(s, dayStart);
                e = Math.Min(e, dayEnd);
                if (e > s)
                {
                    spans.Add((s, e));
                }
            }
        }

        spans.Sort();
        var merged = new List<(long Start, long End)>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    private static List<(long Start, long End)> Subtract(List<(long Start, long End)> spans, long from, long to)
    {
        if (to <= from)
        {
            return spans;
        }

        var result = new List<(long Start, long End)>(spans.Count + 1);
        foreach (var (s, e) in spans)
        {
            if (e <= from || s >= to)
            {
                result.Add((s, e));
                continue;
            }

            if (s < from)
            {
                result.Add((s, from));
            }

            if (e > to)
            {
                result.Add((to, e));
            }
        }

        return result;
    }

    private static TimeRange[] ToRanges(List<(long Start, long End)> spans) =>
        [.. spans.Select(s => new TimeRange(new DateTimeOffset(s.Start, TimeSpan.Zero), new DateTimeOffset(s.End, TimeSpan.Zero)))];
}
