namespace MedSpa.Core.Tests.Scheduling;

public sealed class HalfHourZoneTests
{
    [Fact]
    public void In_Kolkata_slots_start_on_the_local_grid_at_half_past_UTC()
    {
        var clinic = Clinic.In("Asia/Kolkata");

        var slots = clinic.Find("2026-06-10");

        slots[0].Start.ShouldBe(Clinic.Utc("2026-06-10T03:30:00Z"));
        slots.ShouldContain(s => s.Start == Clinic.Utc("2026-06-10T07:30:00Z"));
        clinic.Time.ToIsoString(Clinic.Utc("2026-06-10T07:30:00Z")).ShouldBe("2026-06-10T13:00:00+05:30");
    }

    [Theory]
    [InlineData("2026-01-14", "2026-01-14T02:30:00Z", "+10:30")]
    [InlineData("2026-06-10", "2026-06-10T03:30:00Z", "+09:30")]
    public void In_Adelaide_a_one_pm_slot_follows_its_own_daylight_saving(string date, string utc, string offset)
    {
        var clinic = Clinic.In("Australia/Adelaide").Now($"{date} 00:00");

        var slot = clinic.Find(date).Single(s => s.Start == Clinic.Utc(utc));

        clinic.Time.ToIsoString(slot.Start).ShouldBe($"{date}T13:00:00{offset}");
    }

    [Fact]
    public void Adelaides_spring_forward_day_skips_its_missing_hour()
    {
        var clinic = Clinic.In("Australia/Adelaide").Now("2026-10-01 00:00").Open("00:00", "06:00").Practitioner("anna", start: "00:00", end: "06:00");

        var slots = clinic.Find("2026-10-04");

        slots.Count.ShouldBe(17);
        clinic.Times(slots).ShouldNotContain(t => t.StartsWith("02:"));
        clinic.Time.ToIsoString(slots[0].Start).ShouldBe("2026-10-04T00:00:00+09:30");
        clinic.Time.ToIsoString(slots[^1].Start).ShouldBe("2026-10-04T05:00:00+10:30");
    }

    [Fact]
    public void Adelaides_fall_back_day_repeats_its_two_oclock_hour_at_distinct_instants()
    {
        var clinic = Clinic.In("Australia/Adelaide").Now("2026-04-01 00:00").Open("00:00", "04:00").Practitioner("anna", start: "00:00", end: "04:00");

        var slots = clinic.Find("2026-04-05");

        slots.Count.ShouldBe(17);
        slots.Select(s => s.Start).Distinct().Count().ShouldBe(17);
        clinic.Times(slots).Count(t => t == "02:00").ShouldBe(2);
    }
}
