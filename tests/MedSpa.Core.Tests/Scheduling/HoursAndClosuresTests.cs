namespace MedSpa.Core.Tests.Scheduling;

public sealed class HoursAndClosuresTests
{
    private const string Day = "2026-06-10"; // a Wednesday

    [Fact]
    public void Slots_lie_within_both_the_opening_hours_and_the_practitioners_working_hours()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "17:00").Practitioner("anna", start: "11:00", end: "13:00");

        clinic.Times(clinic.Find(Day)).ShouldBe(["11:00", "11:15", "11:30", "11:45", "12:00"]);
    }

    [Fact]
    public void A_practitioner_working_past_closing_gets_no_slot_after_closing()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "11:00").Practitioner("anna", start: "08:00", end: "20:00");

        clinic.Times(clinic.Find(Day)).Last().ShouldBe("10:00");
    }

    [Fact]
    public void Working_hours_at_another_location_do_not_count()
    {
        var clinic = Clinic.InNewYork().Practitioner("anna", m => m with { WorkingHours = [new("loc-2", DayOfWeek.Wednesday, "09:00", "17:00")] });

        clinic.Find(Day).ShouldBeEmpty();
        clinic.Check("2026-06-10 09:00", "anna").Reason.ShouldBe(SlotUnavailableReason.PractitionerNotEligible);
    }

    [Fact]
    public void A_practitioner_not_working_that_weekday_has_no_slots_that_day()
    {
        var clinic = Clinic.InNewYork().Practitioner("anna", m => m with { WorkingHours = [new(Clinic.LocationId, DayOfWeek.Thursday, "09:00", "17:00")] });

        clinic.Find(Day).ShouldBeEmpty();
        clinic.Check("2026-06-10 09:00").Reason.ShouldBe(SlotUnavailableReason.NoPractitionerFree);
        clinic.Find("2026-06-11").ShouldNotBeEmpty();
    }

    [Fact]
    public void Split_working_hours_leave_the_lunch_break_free()
    {
        var clinic = Clinic.InNewYork().Practitioner("anna", m => m with
        {
            WorkingHours = [new(Clinic.LocationId, DayOfWeek.Wednesday, "09:00", "10:00"), new(Clinic.LocationId, DayOfWeek.Wednesday, "11:00", "12:00")],
        });

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:00", "11:00"]);
    }

    [Fact]
    public void A_closure_date_has_no_slots()
    {
        var clinic = Clinic.InNewYork().ClosedOn(Day);

        clinic.Find(Day).ShouldBeEmpty();
        clinic.Check("2026-06-10 10:00").Reason.ShouldBe(SlotUnavailableReason.Closed);
    }

    [Fact]
    public void A_closure_closes_only_its_own_local_date()
    {
        var clinic = Clinic.InNewYork().ClosedOn(Day);

        clinic.Find("2026-06-09", "2026-06-11").Select(s => s.LocalDate).Distinct()
            .ShouldBe([Clinic.Date("2026-06-09"), Clinic.Date("2026-06-11")]);
    }

    [Fact]
    public void Time_off_blocks_the_slots_it_overlaps()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "13:00");
        clinic.Practitioner("anna", m => m with { TimeOff = [new(clinic.At("2026-06-10 10:00"), clinic.At("2026-06-10 11:00"), "Dentist")] });

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:00", "11:00", "11:15", "11:30", "11:45", "12:00"]);
    }

    [Fact]
    public void Time_off_that_ends_before_a_slot_starts_does_not_block_it()
    {
        var clinic = Clinic.InNewYork();
        clinic.Practitioner("anna", m => m with { TimeOff = [new(clinic.At("2026-06-09 09:00"), clinic.At("2026-06-10 09:00"), "Holiday")] });

        clinic.Times(clinic.Find(Day))[0].ShouldBe("09:00");
    }

    [Fact]
    public void Long_time_off_that_began_weeks_earlier_still_blocks()
    {
        var clinic = Clinic.InNewYork();
        clinic.Practitioner("anna", m => m with { TimeOff = [new(clinic.At("2026-05-01 00:00"), clinic.At("2026-07-01 00:00"), "Leave")] });

        clinic.Find(Day).ShouldBeEmpty();
        clinic.Check("2026-06-10 10:00").Reason.ShouldBe(SlotUnavailableReason.NoPractitionerFree);
    }

    [Fact]
    public void Time_off_blocks_only_that_practitioner()
    {
        var clinic = Clinic.InNewYork().Practitioner("ben");
        clinic.Practitioner("anna", m => m with { TimeOff = [new(clinic.At("2026-06-10 00:00"), clinic.At("2026-06-11 00:00"), "Off")] });

        clinic.Find(Day).ShouldAllBe(s => s.PractitionerIds.SequenceEqual(new[] { "ben" }));
    }

    [Fact]
    public void Time_off_does_not_count_as_busy_minutes_for_fairness_but_still_blocks()
    {
        var clinic = Clinic.InNewYork().Practitioner("ben");
        clinic.Practitioner("anna", m => m with { TimeOff = [new(clinic.At("2026-06-10 16:00"), clinic.At("2026-06-10 17:00"), "Early finish")] });

        clinic.Check("2026-06-10 16:00").Slot!.PractitionerIds.ShouldBe(["ben"]);
    }
}
