namespace MedSpa.Core.Scheduling;

/// <summary>
/// Reading opening and working hours: <c>HH:mm</c> ranges as minutes from the date's midnight (an end of <c>24:00</c>,
/// an overnight end past 1440), merged per weekday or per date. The availability engine and the staff calendar read
/// hours through these, so the calendar shades exactly the hours the engine books (see the Scheduling README).
/// </summary>
internal static class HourRanges
{
    private const int MinutesPerDay = 24 * 60;

    internal static readonly int[] NoRanges = [];

    /// <summary>A location's merged opening ranges by <see cref="DayOfWeek"/>.</summary>
    internal static int[][] OpeningWeek(Location location)
    {
        var byDay = new List<(int, int)>[7];
        foreach (var hours in location.OpeningHours ?? [])
        {
            if (hours is not null && TryRange(hours.Open, hours.Close, out var range))
            {
                (byDay[(int)hours.Day] ??= []).Add(range);
            }
        }

        var week = new int[7][];
        for (int d = 0; d < 7; d++)
        {
            week[d] = Merge(byDay[d]);
        }

        return week;
    }

    /// <summary>A location's closure dates, with their reasons.</summary>
    internal static Dictionary<DateOnly, string> Closures(Location location)
    {
        var closures = new Dictionary<DateOnly, string>();
        foreach (var closure in location.Closures ?? [])
        {
            if (closure is not null && DateOnly.TryParseExact(closure.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                closures[d] = closure.Reason ?? "";
            }
        }

        return closures;
    }

    internal static int[][] WorkingWeek(StaffMember staff, string locationId)
    {
        var byDay = new List<(int, int)>[7];
        foreach (var hours in staff.WorkingHours ?? [])
        {
            if (hours is not null && hours.LocationId == locationId && TryRange(hours.Start, hours.End, out var range))
            {
                (byDay[(int)hours.Day] ??= []).Add(range);
            }
        }

        var week = new int[7][];
        for (int d = 0; d < 7; d++)
        {
            week[d] = Merge(byDay[d]);
        }

        return week;
    }

    /// <summary>Dated exceptions at this location; several on one date add up, a day-off entry empties it.</summary>
    internal static Dictionary<DateOnly, int[]> WorkingExceptions(StaffMember staff, string locationId)
    {
        var byDate = new Dictionary<DateOnly, List<(int, int)>>();
        foreach (var exception in staff.WorkingExceptions ?? [])
        {
            if (exception is null || exception.LocationId != locationId
                || !DateOnly.TryParseExact(exception.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                continue;
            }

            var ranges = byDate.TryGetValue(date, out var list) ? list : byDate[date] = [];
            if (TryRange(exception.Start, exception.End, out var range))
            {
                ranges.Add(range);
            }
        }

        var result = new Dictionary<DateOnly, int[]>(byDate.Count);
        foreach (var (date, ranges) in byDate)
        {
            result[date] = Merge(ranges);
        }

        return result;
    }

    /// <summary>
    /// Minutes from the date's midnight: a start 00:00–23:59; an end 00:00–23:59 or 24:00, and an end before the start
    /// runs overnight into the next date (so the end is then past 1440). Equal start and end is no range.
    /// </summary>
    internal static bool TryRange(string? from, string? to, out (int From, int To) range)
    {
        range = default;
        if (!TimeOnly.TryParseExact(from, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f))
        {
            return false;
        }

        int start = (f.Hour * 60) + f.Minute, end;
        if (to == "24:00")
        {
            end = MinutesPerDay;
        }
        else if (TimeOnly.TryParseExact(to, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            end = (t.Hour * 60) + t.Minute;
            if (end < start)
            {
                end += MinutesPerDay;
            }
        }
        else
        {
            return false;
        }

        if (end == start)
        {
            return false;
        }

        range = (start, end);
        return true;
    }

    // Sorted, merged (touching ranges join) minute ranges flattened as [from0, to0, from1, to1, ...].
    internal static int[] Merge(List<(int From, int To)>? ranges)
    {
        if (ranges is null || ranges.Count == 0)
        {
            return NoRanges;
        }

        ranges.Sort();
        var merged = new List<int>(ranges.Count * 2);
        foreach (var (from, to) in ranges)
        {
            if (merged.Count > 0 && from <= merged[^1])
            {
                merged[^1] = Math.Max(merged[^1], to);
            }
            else
            {
                merged.Add(from);
                merged.Add(to);
            }
        }

        return [.. merged];
    }
}
