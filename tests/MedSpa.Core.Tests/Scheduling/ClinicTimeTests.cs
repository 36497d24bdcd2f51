namespace MedSpa.Core.Tests.Scheduling;

public sealed class ClinicTimeTests
{
    private static readonly ClinicTime NewYork = ClinicTime.For("America/New_York");

    [Fact]
    public void Thirteen_hundred_in_New_York_is_18Z_in_winter_and_17Z_in_summer()
    {
        NewYork.ToInstant(new DateOnly(2026, 1, 14), new TimeOnly(13, 0)).ShouldBe(Clinic.Utc("2026-01-14T18:00:00Z"));
        NewYork.ToInstant(new DateOnly(2026, 7, 15), new TimeOnly(13, 0)).ShouldBe(Clinic.Utc("2026-07-15T17:00:00Z"));
    }

    [Fact]
    public void Afternoon_on_spring_forward_day_is_already_daylight_time()
    {
        NewYork.ToInstant(new DateOnly(2026, 3, 8), new TimeOnly(13, 0)).ShouldBe(Clinic.Utc("2026-03-08T17:00:00Z"));
    }

    [Fact]
    public void A_local_time_skipped_by_spring_forward_has_no_instant()
    {
        NewYork.ToInstant(new DateOnly(2026, 3, 8), new TimeOnly(2, 30)).ShouldBeNull();
        NewYork.Candidates(new DateOnly(2026, 3, 8), new TimeOnly(2, 30)).ShouldBeEmpty();
    }

    [Fact]
    public void A_local_time_repeated_by_fall_back_has_two_instants_an_hour_apart()
    {
        NewYork.Candidates(new DateOnly(2026, 11, 1), new TimeOnly(1, 30))
            .ShouldBe([Clinic.Utc("2026-11-01T05:30:00Z"), Clinic.Utc("2026-11-01T06:30:00Z")]);
    }

    [Fact]
    public void A_repeated_local_time_converts_to_its_earlier_instant_by_default()
    {
        NewYork.ToInstant(new DateOnly(2026, 11, 1), new TimeOnly(1, 30)).ShouldBe(Clinic.Utc("2026-11-01T05:30:00Z"));
    }

    [Fact]
    public void An_ordinary_local_time_has_exactly_one_instant()
    {
        NewYork.Candidates(new DateOnly(2026, 6, 10), new TimeOnly(9, 0)).ShouldBe([Clinic.Utc("2026-06-10T13:00:00Z")]);
    }

    [Fact]
    public void The_local_date_of_an_evening_instant_is_the_previous_UTC_date()
    {
        NewYork.LocalDate(Clinic.Utc("2026-03-09T03:30:00Z")).ShouldBe(new DateOnly(2026, 3, 8));
    }

    [Fact]
    public void Spring_forward_day_lasts_23_hours_and_fall_back_day_25()
    {
        var spring = new DateOnly(2026, 3, 8);
        var fall = new DateOnly(2026, 11, 1);

        (NewYork.EndOfDay(spring) - NewYork.StartOfDay(spring)).ShouldBe(TimeSpan.FromHours(23));
        (NewYork.EndOfDay(fall) - NewYork.StartOfDay(fall)).ShouldBe(TimeSpan.FromHours(25));
        NewYork.StartOfDay(spring).ShouldBe(Clinic.Utc("2026-03-08T05:00:00Z"));
    }

    [Fact]
    public void A_day_whose_midnight_is_skipped_starts_at_one_in_the_morning()
    {
        // Chile moves its clocks from 24:00 Saturday to 01:00 Sunday on 2026-09-06.
        var santiago = ClinicTime.For("America/Santiago");

        santiago.LocalDateTime(santiago.StartOfDay(new DateOnly(2026, 9, 6))).ShouldBe(new DateTime(2026, 9, 6, 1, 0, 0));
    }

    [Fact]
    public void Iso_strings_carry_the_local_offset_of_the_instant()
    {
        ClinicTime.ToIsoString(Clinic.Utc("2026-03-08T17:00:00Z"), "America/New_York").ShouldBe("2026-03-08T13:00:00-04:00");
        ClinicTime.ToIsoString(Clinic.Utc("2026-01-14T18:00:00Z"), "America/New_York").ShouldBe("2026-01-14T13:00:00-05:00");
        ClinicTime.ToIsoString(Clinic.Utc("2026-06-10T07:30:00Z"), "Asia/Kolkata").ShouldBe("2026-06-10T13:00:00+05:30");
        ClinicTime.ToIsoString(Clinic.Utc("2026-01-14T02:30:00Z"), "Australia/Adelaide").ShouldBe("2026-01-14T13:00:00+10:30");
        ClinicTime.ToIsoString(Clinic.Utc("2026-06-10T12:00:00Z"), "Etc/UTC").ShouldBe("2026-06-10T12:00:00+00:00");
    }

    [Fact]
    public void Iso_strings_show_fractions_of_a_second_only_when_present()
    {
        NewYork.ToIsoString(Clinic.Utc("2026-06-10T13:00:05.25Z")).ShouldBe("2026-06-10T09:00:05.25-04:00");
    }

    [Fact]
    public void The_two_instants_of_a_repeated_hour_format_with_different_offsets()
    {
        var both = NewYork.Candidates(new DateOnly(2026, 11, 1), new TimeOnly(1, 30));

        both.Select(NewYork.ToIsoString).ShouldBe(["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"]);
    }

    [Fact]
    public void A_wall_clock_span_across_the_spring_forward_gap_is_an_hour_shorter()
    {
        var (start, end) = NewYork.WallClockSpan(new DateOnly(2026, 3, 8), new TimeOnly(0, 0), new TimeOnly(6, 0));

        (start, end).ShouldBe((Clinic.Utc("2026-03-08T05:00:00Z"), Clinic.Utc("2026-03-08T10:00:00Z")));
    }

    [Fact]
    public void A_wall_clock_span_across_the_fall_back_overlap_is_an_hour_longer()
    {
        var (start, end) = NewYork.WallClockSpan(new DateOnly(2026, 11, 1), new TimeOnly(0, 0), new TimeOnly(4, 0));

        (end - start).ShouldBe(TimeSpan.FromHours(5));
    }

    [Fact]
    public void A_wall_clock_span_starting_inside_the_gap_starts_when_the_clock_jumps()
    {
        var (start, _) = NewYork.WallClockSpan(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), new TimeOnly(5, 0));

        start.ShouldBe(Clinic.Utc("2026-03-08T07:00:00Z"));
    }

    [Fact]
    public void The_offset_in_Kolkata_is_five_and_a_half_hours_all_year()
    {
        var kolkata = ClinicTime.For("Asia/Kolkata");

        kolkata.OffsetAt(Clinic.Utc("2026-01-14T00:00:00Z")).ShouldBe(TimeSpan.FromMinutes(330));
        kolkata.OffsetAt(Clinic.Utc("2026-07-14T00:00:00Z")).ShouldBe(TimeSpan.FromMinutes(330));
    }

    [Fact]
    public void Unknown_zones_are_refused()
    {
        ClinicTime.IsKnownZone("Mars/Olympus_Mons").ShouldBeFalse();
        ClinicTime.IsKnownZone("Europe/Paris").ShouldBeTrue();
        Should.Throw<ArgumentException>(() => ClinicTime.For("Mars/Olympus_Mons"));
    }

    [Fact]
    public void A_span_ending_at_24_00_ends_at_the_next_local_midnight()
    {
        var (start, end) = NewYork.WallClockSpan(new DateOnly(2026, 6, 12), 20 * 60, 24 * 60);

        start.ShouldBe(Clinic.Utc("2026-06-13T00:00:00Z"));
        end.ShouldBe(NewYork.StartOfDay(new DateOnly(2026, 6, 13)));
    }

    [Fact]
    public void An_overnight_span_into_spring_forward_day_loses_the_skipped_hour()
    {
        var (start, end) = NewYork.WallClockSpan(new DateOnly(2026, 3, 7), 22 * 60, (24 + 4) * 60);

        start.ShouldBe(Clinic.Utc("2026-03-08T03:00:00Z")); // 22:00 EST
        end.ShouldBe(Clinic.Utc("2026-03-08T08:00:00Z")); // 04:00 EDT: five real hours
    }

    [Fact]
    public void An_overnight_span_into_fall_back_day_gains_the_repeated_hour()
    {
        var (start, end) = NewYork.WallClockSpan(new DateOnly(2026, 10, 31), 22 * 60, (24 + 4) * 60);

        (end - start).ShouldBe(TimeSpan.FromHours(7));
    }
}
