namespace MedSpa.Core.Tests.Booking;

/// <summary>The staff calendar's shading: opening and working hours per shown day, by the engine's rules for hours.</summary>
public sealed class CalendarHoursTests
{
    private const string Zone = "America/New_York";
    private const string LocationId = "loc-1";

    private static Location Location(IEnumerable<OpeningHours> hours, params Closure[] closures) => new()
    {
        Id = LocationId,
        Name = "SoHo",
        TimeZone = Zone,
        OpeningHours = [.. hours],
        Closures = closures,
    };

    private static IEnumerable<OpeningHours> Every(string open, string close) =>
        Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, open, close));

    private static StaffMember Practitioner(IEnumerable<WorkingHours> hours, IEnumerable<WorkingException>? exceptions = null, IEnumerable<TimeOff>? timeOff = null) => new()
    {
        Id = "anna",
        FirstName = "Anna",
        LastName = "A",
        Role = StaffRole.Practitioner,
        WorkingHours = [.. hours],
        WorkingExceptions = [.. exceptions ?? []],
        TimeOff = [.. timeOff ?? []],
    };

    private static IEnumerable<WorkingHours> EveryDayWorking(string start, string end) =>
        Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours(LocationId, d, start, end));

    private static string[] Local(IEnumerable<TimeRange> ranges) =>
        [.. ranges.Select(r => $"{Clock(r.Start)}-{Clock(r.End)}")];

    private static string Clock(DateTimeOffset instant) =>
        ClinicTime.For(Zone).ToLocal(instant).ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void An_overnight_range_shows_on_the_night_it_starts_and_its_tail_on_the_next_morning()
    {
        var location = Location([new OpeningHours(DayOfWeek.Friday, "18:00", "01:00")]);

        var days = CalendarHours.For(location, [], new DateOnly(2026, 11, 27), 2);

        Local(days[0].Open).ShouldBe(["11-27 18:00-11-28 00:00"]);
        Local(days[1].Open).ShouldBe(["11-28 00:00-11-28 01:00"]);
    }

    [Fact]
    public void Hours_ending_at_24_00_run_to_midnight()
    {
        var days = CalendarHours.For(Location(Every("09:00", "24:00")), [], new DateOnly(2026, 11, 24), 1);

        Local(days[0].Open).ShouldBe(["11-24 09:00-11-25 00:00"]);
    }

    [Fact]
    public void A_closure_closes_its_date_with_the_tail_and_keeps_the_night_before_s_tail()
    {
        var location = Location(Every("18:00", "02:00"), new Closure("2026-12-25", "Christmas Day"));

        var days = CalendarHours.For(location, [], new DateOnly(2026, 12, 24), 3);

        days[1].Closure.ShouldBe("Christmas Day");
        Local(days[1].Open).ShouldBe(["12-25 00:00-12-25 02:00"]);
        Local(days[2].Open).ShouldBe(["12-26 18:00-12-27 00:00"]);
        days[0].Closure.ShouldBeNull();
    }

    [Fact]
    public void A_day_without_opening_hours_is_closed_with_no_reason()
    {
        var location = Location(Every("09:00", "17:00").Where(h => h.Day != DayOfWeek.Sunday));

        var sunday = CalendarHours.For(location, [], new DateOnly(2026, 11, 29), 1).Single();

        sunday.Open.ShouldBeEmpty();
        sunday.Closure.ShouldBeNull();
    }

    [Fact]
    public void Working_hours_follow_exceptions_and_leave_out_time_off()
    {
        var zone = ClinicTime.For(Zone);
        var anna = Practitioner(
            EveryDayWorking("09:00", "17:00"),
            [new WorkingException("2026-11-25", LocationId, "12:00", "20:00"), new WorkingException("2026-11-26", LocationId, null, null)],
            [new TimeOff(zone.ToInstant(new DateOnly(2026, 11, 24), new TimeOnly(11, 0))!.Value, zone.ToInstant(new DateOnly(2026, 11, 24), new TimeOnly(13, 30))!.Value, "Dentist")]);

        var days = CalendarHours.For(Location(Every("08:00", "20:00")), [anna], new DateOnly(2026, 11, 24), 3);

        Local(days[0].Working["anna"]).ShouldBe(["11-24 09:00-11-24 11:00", "11-24 13:30-11-24 17:00"]);
        Local(days[1].Working["anna"]).ShouldBe(["11-25 12:00-11-25 20:00"]);
        days[2].Working["anna"].ShouldBeEmpty();
    }

    [Fact]
    public void Working_hours_elsewhere_do_not_count()
    {
        var anna = Practitioner([new WorkingHours("loc-2", DayOfWeek.Tuesday, "09:00", "17:00")]);

        var tuesday = CalendarHours.For(Location(Every("08:00", "20:00")), [anna], new DateOnly(2026, 11, 24), 1).Single();

        tuesday.Working["anna"].ShouldBeEmpty();
    }

    [Fact]
    public void On_spring_forward_day_a_whole_day_of_opening_lasts_23_hours()
    {
        var day = CalendarHours.For(Location(Every("00:00", "24:00")), [], new DateOnly(2026, 3, 8), 1).Single();

        var open = day.Open.Single();
        (open.End - open.Start).ShouldBe(TimeSpan.FromHours(23));
    }

    [Fact]
    public void On_fall_back_day_an_afternoon_shift_starting_at_13_00_keeps_its_wall_clock_hours()
    {
        var anna = Practitioner(EveryDayWorking("13:00", "21:00"));

        var day = CalendarHours.For(Location(Every("08:00", "22:00")), [anna], new DateOnly(2026, 11, 1), 1).Single();

        Local(day.Working["anna"]).ShouldBe(["11-01 13:00-11-01 21:00"]);
        Local(day.Open).ShouldBe(["11-01 08:00-11-01 22:00"]);
    }
}
