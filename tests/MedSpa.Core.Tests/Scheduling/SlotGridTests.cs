namespace MedSpa.Core.Tests.Scheduling;

public sealed class SlotGridTests
{
    private const string Day = "2026-06-10";

    [Fact]
    public void Slots_start_every_15_minutes_from_opening_while_the_service_still_fits()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "12:00").Practitioner("anna");

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00"]);
    }

    [Fact]
    public void The_step_comes_from_the_policy()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "12:00").Practitioner("anna").WithPolicy(p => p with { SlotStepMinutes = 30 });

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:00", "09:30", "10:00", "10:30", "11:00"]);
    }

    [Fact]
    public void The_grid_counts_from_the_opening_time_not_from_the_hour()
    {
        var clinic = Clinic.InNewYork().Open("09:10", "11:00").Practitioner("anna", start: "09:10", end: "12:00");

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:10", "09:25", "09:40", "09:55"]);
    }

    [Fact]
    public void A_shift_starting_off_the_opening_grid_adds_its_own_grid_within_the_opening_hours()
    {
        var clinic = Clinic.InNewYork().Open("09:10", "11:00").Practitioner("anna", start: "09:00", end: "12:00");

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:10", "09:15", "09:25", "09:30", "09:40", "09:45", "09:55", "10:00"]);
    }

    [Fact]
    public void A_slot_carries_its_end_and_occupied_span_as_UTC_instants()
    {
        var clinic = Clinic.InNewYork().Lasting(60, bufferBefore: 10, bufferAfter: 20).Practitioner("anna", start: "08:00", end: "18:00");

        var slot = clinic.Find(Day)[0];

        slot.Start.ShouldBe(Clinic.Utc("2026-06-10T13:00:00Z"));
        slot.Start.Offset.ShouldBe(TimeSpan.Zero);
        slot.End.ShouldBe(Clinic.Utc("2026-06-10T14:00:00Z"));
        slot.OccupiedStart.ShouldBe(Clinic.Utc("2026-06-10T12:50:00Z"));
        slot.OccupiedEnd.ShouldBe(Clinic.Utc("2026-06-10T14:20:00Z"));
        slot.LocalDate.ShouldBe(Clinic.Date(Day));
    }

    [Fact]
    public void Split_opening_hours_offer_no_slot_across_the_break()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "10:30").Open("13:00", "14:00").Practitioner("anna");

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:00", "09:15", "09:30", "13:00"]);
    }

    [Fact]
    public void Touching_opening_ranges_join_into_one()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "10:00").Open("10:00", "11:00").Practitioner("anna");

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:00", "09:15", "09:30", "09:45", "10:00"]);
    }

    [Fact]
    public void A_weekday_without_opening_hours_has_no_slots()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "17:00", DayOfWeek.Monday, DayOfWeek.Tuesday).Practitioner("anna");

        clinic.Find(Day).ShouldBeEmpty(); // a Wednesday
        clinic.Find("2026-06-09").ShouldNotBeEmpty();
    }

    [Fact]
    public void Slots_over_several_days_come_sorted_by_start()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "10:00").Practitioner("anna");

        var slots = clinic.Find("2026-06-10", "2026-06-12");

        slots.Select(s => s.Start).ShouldBe(slots.Select(s => s.Start).Order());
        slots.Select(s => s.LocalDate).Distinct().ShouldBe([Clinic.Date("2026-06-10"), Clinic.Date("2026-06-11"), Clinic.Date("2026-06-12")]);
        slots.Count.ShouldBe(3);
    }

    [Fact]
    public void A_date_range_that_ends_before_it_starts_is_empty()
    {
        Clinic.InNewYork().Find("2026-06-12", "2026-06-10").ShouldBeEmpty();
    }

    [Fact]
    public void A_deleted_service_offers_nothing_and_says_why()
    {
        var clinic = Clinic.InNewYork().Service(s => s with { Deleted = true });

        clinic.Find(Day).ShouldBeEmpty();
        clinic.Check("2026-06-10 09:00").Reason.ShouldBe(SlotUnavailableReason.ServiceUnavailable);
    }

    [Fact]
    public void Checking_a_start_off_the_grid_says_so()
    {
        Clinic.InNewYork().Check("2026-06-10 09:05").Reason.ShouldBe(SlotUnavailableReason.NotOnSlotGrid);
    }

    [Fact]
    public void Checking_a_start_that_would_run_past_closing_says_outside_opening_hours()
    {
        var clinic = Clinic.InNewYork();

        clinic.Check("2026-06-10 16:15").Reason.ShouldBe(SlotUnavailableReason.OutsideOpeningHours);
        clinic.Check("2026-06-10 08:00").Reason.ShouldBe(SlotUnavailableReason.OutsideOpeningHours);
    }

    [Fact]
    public void Checking_an_offered_start_returns_the_same_slot()
    {
        var clinic = Clinic.InNewYork();
        var offered = clinic.Find(Day)[4];

        var check = clinic.Check("2026-06-10 10:00");

        check.IsAvailable.ShouldBeTrue();
        check.Slot!.Start.ShouldBe(offered.Start);
        check.Slot.PractitionerIds.ShouldBe(offered.PractitionerIds);
    }
}
