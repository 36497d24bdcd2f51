namespace MedSpa.Core.Tests.Scheduling;

public sealed class DaylightSavingTests
{
    private const string SpringForward = "2026-03-08";
    private const string FallBack = "2026-11-01";

    [Fact]
    public void Availability_skips_the_missing_hour_on_spring_forward_day()
    {
        var clinic = Clinic.InNewYork().Now("2026-03-01 00:00").Open("00:00", "06:00").Practitioner("anna", start: "00:00", end: "06:00");

        var times = clinic.Times(clinic.Find(SpringForward));

        times.ShouldNotContain(t => t.StartsWith("02:"));
        times.ShouldBe(["00:00", "00:15", "00:30", "00:45", "01:00", "01:15", "01:30", "01:45",
            "03:00", "03:15", "03:30", "03:45", "04:00", "04:15", "04:30", "04:45", "05:00"]);
    }

    [Fact]
    public void A_day_open_midnight_to_six_on_spring_forward_day_has_five_real_hours_of_slots()
    {
        var clinic = Clinic.InNewYork().Now("2026-03-01 00:00").Open("00:00", "06:00").Practitioner("anna", start: "00:00", end: "06:00");

        var slots = clinic.Find(SpringForward);

        slots.Count.ShouldBe(17); // one-hour service every 15 real minutes over 5 real hours
        slots[^1].End.ShouldBe(Clinic.Utc("2026-03-08T10:00:00Z")); // 06:00 EDT
        slots.Zip(slots.Skip(1), (a, b) => b.Start - a.Start).ShouldAllBe(gap => gap == TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void Opening_from_one_thirty_to_three_thirty_on_spring_forward_day_is_one_real_hour()
    {
        var clinic = Clinic.InNewYork().Now("2026-03-01 00:00").Open("01:30", "03:30").Lasting(30).Practitioner("anna", start: "00:00", end: "06:00");

        clinic.Find(SpringForward).Select(s => s.Start)
            .ShouldBe([Clinic.Utc("2026-03-08T06:30:00Z"), Clinic.Utc("2026-03-08T06:45:00Z"), Clinic.Utc("2026-03-08T07:00:00Z")]);
    }

    [Fact]
    public void An_hour_long_service_from_one_thirty_ends_at_three_thirty_local_on_spring_forward_day()
    {
        var clinic = Clinic.InNewYork().Now("2026-03-01 00:00").Open("01:30", "03:30").Practitioner("anna", start: "01:30", end: "03:30");

        var slot = clinic.Find(SpringForward).Single();

        clinic.Time.ToIsoString(slot.Start).ShouldBe("2026-03-08T01:30:00-05:00");
        clinic.Time.ToIsoString(slot.End).ShouldBe("2026-03-08T03:30:00-04:00");
    }

    [Fact]
    public void Working_hours_that_start_inside_the_gap_start_when_the_clock_jumps()
    {
        var clinic = Clinic.InNewYork().Now("2026-03-01 00:00").Open("00:00", "06:00").Practitioner("anna", start: "02:30", end: "05:00");

        clinic.Times(clinic.Find(SpringForward))[0].ShouldBe("03:00");
    }

    [Fact]
    public void The_repeated_hour_on_fall_back_day_gives_two_slots_at_distinct_instants()
    {
        var clinic = Clinic.InNewYork().Now("2026-10-25 00:00").Open("00:00", "04:00").Practitioner("anna", start: "00:00", end: "04:00");

        var slots = clinic.Find(FallBack);

        slots.Count.ShouldBe(17); // five real hours
        slots.Select(s => s.Start).Distinct().Count().ShouldBe(slots.Count);
        slots.Select(s => s.Start).ShouldBe(slots.Select(s => s.Start).Order());
        slots.Where(s => clinic.Time.LocalDateTime(s.Start).Hour == 1).Select(s => clinic.Time.ToIsoString(s.Start))
            .ShouldBe([
                "2026-11-01T01:00:00-04:00", "2026-11-01T01:15:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:45:00-04:00",
                "2026-11-01T01:00:00-05:00", "2026-11-01T01:15:00-05:00", "2026-11-01T01:30:00-05:00", "2026-11-01T01:45:00-05:00",
            ]);
    }

    [Fact]
    public void A_booking_in_the_first_one_oclock_hour_does_not_block_the_second()
    {
        var clinic = Clinic.InNewYork().Now("2026-10-25 00:00").Open("00:00", "04:00").Practitioner("anna", start: "00:00", end: "04:00")
            .Busy(new BusyInterval("anna", Clinic.Utc("2026-11-01T05:00:00Z"), Clinic.Utc("2026-11-01T06:00:00Z")));
        var request = clinic.Request(FallBack);

        AvailabilityEngine.Check(request, Clinic.Utc("2026-11-01T05:00:00Z"), null).Reason.ShouldBe(SlotUnavailableReason.NoPractitionerFree);
        AvailabilityEngine.Check(request, Clinic.Utc("2026-11-01T06:00:00Z"), null).IsAvailable.ShouldBeTrue();
    }

    [Theory]
    [InlineData("2026-01-14", "2026-01-14T18:00:00Z")]
    [InlineData("2026-07-15", "2026-07-15T17:00:00Z")]
    [InlineData(SpringForward, "2026-03-08T17:00:00Z")]
    [InlineData(FallBack, "2026-11-01T18:00:00Z")]
    public void A_one_pm_slot_in_New_York_starts_at_the_right_UTC_instant(string date, string utc)
    {
        var clinic = Clinic.InNewYork().Now($"{date} 00:00");

        clinic.Find(date).ShouldContain(s => s.Start == Clinic.Utc(utc));
        clinic.Find(date).Select(s => clinic.Time.ToIsoString(s.Start)).ShouldContain($"{date}T13:00:00{(utc[12] == '8' ? "-05:00" : "-04:00")}");
    }

    [Fact]
    public void Afternoon_slots_convert_every_start_on_the_local_date()
    {
        var clinic = Clinic.InNewYork().Now("2026-07-01 00:00").Open("13:00", "23:59").Practitioner("anna", start: "13:00", end: "23:59");

        var slots = clinic.Find("2026-07-15");

        slots[0].Start.ShouldBe(Clinic.Utc("2026-07-15T17:00:00Z"));
        slots[^1].Start.ShouldBe(Clinic.Utc("2026-07-16T02:45:00Z")); // 22:45 local, already the next UTC date
        slots.ShouldAllBe(s => s.LocalDate == new DateOnly(2026, 7, 15));
    }
}
