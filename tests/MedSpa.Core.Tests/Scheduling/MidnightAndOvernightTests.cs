namespace MedSpa.Core.Tests.Scheduling;

/// <summary>Hours that end at 24:00 or run past midnight (an overnight range belongs to the date it starts on).</summary>
public sealed class MidnightAndOvernightTests
{
    private const string Friday = "2026-06-12";
    private const string Saturday = "2026-06-13";

    [Fact]
    public void Closing_at_24_00_offers_the_last_slot_ending_at_midnight()
    {
        var clinic = Clinic.InNewYork().Open("20:00", "24:00").Practitioner("anna", start: "20:00", end: "24:00");

        var slots = clinic.Find(Friday);

        clinic.Times(slots)[^1].ShouldBe("23:00");
        slots[^1].End.ShouldBe(clinic.At($"{Saturday} 00:00"));
        slots.ShouldAllBe(s => s.LocalDate == Clinic.Date(Friday));
    }

    [Fact]
    public void Working_hours_ending_at_24_00_are_not_dropped()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "24:00").Practitioner("anna", start: "22:00", end: "24:00");

        clinic.Times(clinic.Find(Friday)).ShouldBe(["22:00", "22:15", "22:30", "22:45", "23:00"]);
        clinic.Check($"{Friday} 23:00", "anna").IsAvailable.ShouldBeTrue();
    }

    [Fact]
    public void An_overnight_clinic_offers_slots_after_midnight_on_the_next_calendar_date()
    {
        var clinic = EveningClinic("18:00", "01:00", DayOfWeek.Friday);

        var saturday = clinic.Find(Saturday);

        saturday.Select(s => clinic.Time.ToIsoString(s.Start))
            .ShouldBe(["2026-06-13T00:00:00-04:00", "2026-06-13T00:15:00-04:00", "2026-06-13T00:30:00-04:00"]);
        saturday.ShouldAllBe(s => s.LocalDate == Clinic.Date(Saturday));
    }

    [Fact]
    public void The_evening_before_midnight_is_listed_under_the_date_the_range_starts()
    {
        var clinic = EveningClinic("18:00", "01:00", DayOfWeek.Friday);

        var friday = clinic.Times(clinic.Find(Friday));

        friday[0].ShouldBe("18:00");
        friday[^1].ShouldBe("23:45");
        friday.Length.ShouldBe(24);
    }

    [Fact]
    public void A_slot_may_run_across_midnight_inside_an_overnight_range()
    {
        var clinic = EveningClinic("18:00", "01:00", DayOfWeek.Friday).Lasting(60);

        var check = clinic.Check($"{Friday} 23:30");

        check.IsAvailable.ShouldBeTrue();
        check.Slot!.End.ShouldBe(clinic.At($"{Saturday} 00:30"));
        check.Slot.LocalDate.ShouldBe(Clinic.Date(Friday));
    }

    [Fact]
    public void After_an_overnight_range_ends_the_next_date_is_closed()
    {
        var clinic = EveningClinic("18:00", "01:00", DayOfWeek.Friday);

        clinic.Check($"{Saturday} 00:30").IsAvailable.ShouldBeTrue();
        clinic.Check($"{Saturday} 00:45").Reason.ShouldBe(SlotUnavailableReason.OutsideOpeningHours); // would end at 01:15
        clinic.Check($"{Saturday} 01:00").Reason.ShouldBe(SlotUnavailableReason.Closed);
    }

    [Fact]
    public void A_closure_removes_its_dates_overnight_range_after_midnight_too()
    {
        var clinic = EveningClinic("18:00", "01:00", DayOfWeek.Friday).ClosedOn(Friday);

        clinic.Find(Friday, Saturday).ShouldBeEmpty();
    }

    [Fact]
    public void A_closure_on_the_next_date_leaves_the_evening_before_running_past_midnight()
    {
        var clinic = EveningClinic("18:00", "01:00", DayOfWeek.Friday).ClosedOn(Saturday);

        clinic.Times(clinic.Find(Saturday)).ShouldBe(["00:00", "00:15", "00:30"]);
    }

    [Fact]
    public void A_practitioner_working_overnight_is_bookable_after_midnight()
    {
        var clinic = Clinic.InNewYork().Open("00:00", "24:00").Lasting(30).Practitioner("anna", start: "22:00", end: "02:00");

        var times = clinic.Times(clinic.Find(Saturday));

        times.ShouldBe(["00:00", "00:15", "00:30", "00:45", "01:00", "01:15", "01:30", "22:00", "22:15", "22:30", "22:45", "23:00", "23:15", "23:30", "23:45"]);
    }

    [Fact]
    public void A_service_may_run_from_a_24_00_close_into_the_next_dates_opening()
    {
        var clinic = Clinic.InNewYork().Open("00:00", "24:00").Lasting(60).Practitioner("anna", start: "00:00", end: "24:00");

        clinic.Check($"{Friday} 23:30").IsAvailable.ShouldBeTrue();
        clinic.Find(Friday).Count.ShouldBe(96); // every quarter hour, the last ones ending on Saturday
    }

    [Fact]
    public void An_overnight_range_overlapping_the_next_dates_own_range_is_their_union_without_double_slots()
    {
        var clinic = Clinic.InNewYork().Open("18:00", "02:00", DayOfWeek.Friday).Open("01:00", "05:00", DayOfWeek.Saturday)
            .Practitioner("anna", start: "00:00", end: "24:00");

        var saturday = clinic.Find(Saturday);

        clinic.Times(saturday).ShouldBe([
            "00:00", "00:15", "00:30", "00:45", "01:00", "01:15", "01:30", "01:45", "02:00", "02:15", "02:30", "02:45",
            "03:00", "03:15", "03:30", "03:45", "04:00",
        ]);
        saturday.Select(s => s.Start).Distinct().Count().ShouldBe(saturday.Count);
    }

    [Fact]
    public void Overlapping_overnight_and_morning_ranges_offer_both_grids_once_each()
    {
        var clinic = Clinic.InNewYork().Open("18:00", "02:00", DayOfWeek.Friday).Open("01:00", "05:00", DayOfWeek.Saturday)
            .WithPolicy(p => p with { SlotStepMinutes = 45 })
            .Practitioner("anna", m => m with
            {
                WorkingHours = [new(Clinic.LocationId, DayOfWeek.Friday, "18:00", "02:00"), new(Clinic.LocationId, DayOfWeek.Saturday, "01:00", "05:00")],
            });

        // Friday's grid from 18:00 reaches 00:00, 00:45, 01:30; Saturday's from 01:00. 01:30 runs to 02:30 across both.
        clinic.Times(clinic.Find(Saturday)).ShouldBe(["00:00", "00:45", "01:00", "01:30", "01:45", "02:30", "03:15", "04:00"]);
    }

    [Fact]
    public void Working_hours_overlapping_across_midnight_are_united()
    {
        var clinic = Clinic.InNewYork().Open("00:00", "24:00").Lasting(120).Practitioner("anna", m => m with
        {
            WorkingHours =
            [
                new(Clinic.LocationId, DayOfWeek.Friday, "20:00", "01:00"),
                new(Clinic.LocationId, DayOfWeek.Saturday, "00:30", "03:00"),
            ],
        });

        clinic.Times(clinic.Find(Saturday)).ShouldBe(["00:00", "00:15", "00:30", "00:45", "01:00"]);
    }

    [Theory]
    [InlineData("2026-03-07", "2026-03-08", "-05:00")] // the night into spring-forward day (the jump comes at 02:00)
    [InlineData("2026-03-08", "2026-03-09", "-04:00")] // the evening of spring-forward day
    [InlineData("2026-11-01", "2026-11-02", "-05:00")] // the evening of fall-back day
    public void An_overnight_evening_around_a_DST_change_offers_slots_after_midnight_on_the_next_date(string evening, string morning, string offset)
    {
        var eveningDate = Clinic.Date(evening);
        var clinic = EveningClinic("18:00", "01:00", eveningDate.DayOfWeek).Now($"{eveningDate.AddDays(-7):yyyy-MM-dd} 00:00");

        var after = clinic.Find(morning);

        after.Select(s => clinic.Time.ToIsoString(s.Start)).ShouldBe([$"{morning}T00:00:00{offset}", $"{morning}T00:15:00{offset}", $"{morning}T00:30:00{offset}"]);
        after.ShouldAllBe(s => s.LocalDate == Clinic.Date(morning));
        clinic.Times(clinic.Find(evening)).Length.ShouldBe(24); // 18:00 to 23:45
        clinic.Check($"{morning} 00:30").IsAvailable.ShouldBeTrue();
    }

    [Fact]
    public void On_the_night_into_fall_back_day_a_range_closing_at_01_00_runs_to_the_last_time_the_clock_reads_01_00()
    {
        // 01:00 happens twice that night (EDT, then EST an hour later); a range ends at the later one, as every range does.
        var clinic = EveningClinic("18:00", "01:00", DayOfWeek.Saturday).Now("2026-10-25 00:00");

        var after = clinic.Find("2026-11-01");

        after.Select(s => clinic.Time.ToIsoString(s.Start))
            .ShouldBe(["2026-11-01T00:00:00-04:00", "2026-11-01T00:15:00-04:00", "2026-11-01T00:30:00-04:00", "2026-11-01T00:45:00-04:00"]);
        after.ShouldAllBe(s => s.LocalDate == new DateOnly(2026, 11, 1));
        clinic.Check("2026-11-01 01:00").Reason.ShouldBe(SlotUnavailableReason.NotOnSlotGrid); // the closing time is never a start
    }

    [Fact]
    public void An_overnight_range_across_spring_forward_skips_the_missing_hour()
    {
        var clinic = EveningClinic("22:00", "04:00", DayOfWeek.Saturday).Now("2026-03-01 00:00");

        var slots = clinic.Find("2026-03-07", "2026-03-08");

        clinic.Times(slots.Where(s => s.LocalDate == Clinic.Date("2026-03-08")))
            .ShouldBe(["00:00", "00:15", "00:30", "00:45", "01:00", "01:15", "01:30", "01:45", "03:00", "03:15", "03:30"]);
        slots.Count.ShouldBe(19); // 22:00 EST to a last start at 03:30 EDT: four and a half real hours
        slots.Zip(slots.Skip(1), (a, b) => b.Start - a.Start).ShouldAllBe(gap => gap == TimeSpan.FromMinutes(15));
        slots[^1].End.ShouldBe(Clinic.Utc("2026-03-08T08:00:00Z")); // 04:00 EDT
    }

    [Fact]
    public void An_overnight_range_across_fall_back_offers_both_one_oclock_hours()
    {
        var clinic = EveningClinic("22:00", "04:00", DayOfWeek.Saturday).Now("2026-10-25 00:00");

        var slots = clinic.Find("2026-10-31", "2026-11-01");

        slots.Count.ShouldBe(27); // 22:00 EDT to a last start at 03:30 EST: six and a half real hours
        slots.Zip(slots.Skip(1), (a, b) => b.Start - a.Start).ShouldAllBe(gap => gap == TimeSpan.FromMinutes(15));
        slots.Where(s => clinic.Time.LocalDateTime(s.Start).Hour == 1).Select(s => clinic.Time.ToIsoString(s.Start)).ShouldBe([
            "2026-11-01T01:00:00-04:00", "2026-11-01T01:15:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:45:00-04:00",
            "2026-11-01T01:00:00-05:00", "2026-11-01T01:15:00-05:00", "2026-11-01T01:30:00-05:00", "2026-11-01T01:45:00-05:00",
        ]);
        slots[^1].End.ShouldBe(Clinic.Utc("2026-11-01T09:00:00Z")); // 04:00 EST
    }

    /// <summary>Open only these hours on the given days, a 30-minute service; anna works the same hours.</summary>
    private static Clinic EveningClinic(string open, string close, params DayOfWeek[] days) =>
        Clinic.InNewYork().Open(open, close, days).Lasting(30).Practitioner("anna", m => m with
        {
            WorkingHours = [.. days.Select(d => new MedSpa.Core.Setup.WorkingHours(Clinic.LocationId, d, open, close))],
        });
}
