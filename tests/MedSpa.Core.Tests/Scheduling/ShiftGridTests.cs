namespace MedSpa.Core.Tests.Scheduling;

/// <summary>
/// The grid is anchored at the opening time and at the start of each practitioner's working range: a start is on the
/// grid for a practitioner when it is on either.
/// </summary>
public sealed class ShiftGridTests
{
    private const string Day = "2026-06-10"; // a Wednesday

    /// <summary>Opens 09:30–18:00, hourly slots of an hour: the opening grid is 09:30, 10:30, ...</summary>
    private static Clinic HourlyFromHalfPast() =>
        Clinic.InNewYork().Open("09:30", "18:00").WithPolicy(p => p with { SlotStepMinutes = 60 });

    [Fact]
    public void A_shift_starting_off_the_opening_grid_is_bookable_at_its_start()
    {
        var clinic = HourlyFromHalfPast().Practitioner("anna", start: "14:00", end: "18:00");

        clinic.Times(clinic.Find(Day)).ShouldBe(["14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00"]);
        clinic.Check($"{Day} 14:00").IsAvailable.ShouldBeTrue();
    }

    [Fact]
    public void A_start_off_both_grids_is_not_on_the_slot_grid()
    {
        var clinic = HourlyFromHalfPast().Practitioner("anna", start: "14:00", end: "18:00");

        clinic.Check($"{Day} 14:10").Reason.ShouldBe(SlotUnavailableReason.NotOnSlotGrid);
        clinic.Check($"{Day} 14:45").Reason.ShouldBe(SlotUnavailableReason.NotOnSlotGrid);
    }

    [Fact]
    public void A_start_on_one_practitioners_shift_grid_is_offered_only_with_them()
    {
        var clinic = HourlyFromHalfPast().Practitioner("anna", start: "09:30", end: "18:00").Practitioner("ben", start: "14:20", end: "18:00");

        var slot = clinic.Find(Day).Single(s => clinic.Time.LocalDateTime(s.Start).TimeOfDay == new TimeSpan(14, 20, 0));

        slot.PractitionerIds.ShouldBe(["ben"]);
        clinic.Check($"{Day} 14:20", "anna").Reason.ShouldBe(SlotUnavailableReason.NotOnSlotGrid);
        clinic.Check($"{Day} 14:20", "ben").IsAvailable.ShouldBeTrue();
        clinic.Check($"{Day} 14:20").Slot!.PractitionerIds.ShouldBe(["ben"]);
    }

    [Fact]
    public void Any_practitioner_is_offered_the_union_of_the_grids_and_each_start_once()
    {
        var clinic = HourlyFromHalfPast().Practitioner("anna", start: "14:00", end: "18:00").Practitioner("ben", start: "14:20", end: "18:00");

        var slots = clinic.Find(Day);

        clinic.Times(slots).ShouldBe(["14:00", "14:20", "14:30", "15:00", "15:20", "15:30", "16:00", "16:20", "16:30", "17:00"]);
        slots.Single(s => clinic.Time.LocalDateTime(s.Start).TimeOfDay == new TimeSpan(14, 30, 0)).PractitionerIds.ShouldBe(["anna", "ben"], ignoreOrder: true);
    }

    [Fact]
    public void Every_offered_start_is_on_the_opening_grid_or_on_the_shift_grid_of_each_practitioner_it_lists()
    {
        var clinic = Clinic.InNewYork().Open("09:30", "18:00").WithPolicy(p => p with { SlotStepMinutes = 25 })
            .Practitioner("anna", start: "10:05", end: "17:00").Practitioner("ben", start: "13:40", end: "18:00");
        var shifts = new Dictionary<string, int> { ["anna"] = (10 * 60) + 5, ["ben"] = (13 * 60) + 40 };

        foreach (var slot in clinic.Find(Day))
        {
            var local = clinic.Time.LocalDateTime(slot.Start);
            int minute = (local.Hour * 60) + local.Minute;
            bool onOpeningGrid = (minute - ((9 * 60) + 30)) % 25 == 0;
            slot.PractitionerIds.ShouldAllBe(p => onOpeningGrid || (minute - shifts[p]) % 25 == 0);
        }
    }

    [Fact]
    public void Starts_from_two_grids_may_overlap_each_other_but_never_busy_time()
    {
        var clinic = HourlyFromHalfPast().Practitioner("anna", start: "14:00", end: "18:00").Busy("anna", $"{Day} 14:00", 60);

        clinic.Times(clinic.Find(Day)).ShouldBe(["15:00", "15:30", "16:00", "16:30", "17:00"]);
        clinic.Check($"{Day} 14:30").Reason.ShouldBe(SlotUnavailableReason.NoPractitionerFree);
    }

    [Fact]
    public void A_shift_grid_outside_the_opening_hours_offers_nothing()
    {
        var clinic = HourlyFromHalfPast().Practitioner("anna", start: "07:00", end: "10:45");

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:30"]);
        clinic.Check($"{Day} 08:00").Reason.ShouldBe(SlotUnavailableReason.OutsideOpeningHours);
    }

    [Fact]
    public void A_working_exception_starting_off_the_grid_is_bookable_at_its_start()
    {
        var clinic = HourlyFromHalfPast().Practitioner("anna", m => m with
        {
            WorkingExceptions = [new WorkingException(Day, Clinic.LocationId, "13:20", "16:00")],
        });

        clinic.Times(clinic.Find(Day)).ShouldBe(["13:20", "13:30", "14:20", "14:30"]);
    }

    [Fact]
    public void A_buffer_before_still_has_to_fit_inside_the_shift()
    {
        var clinic = HourlyFromHalfPast().Lasting(50, bufferBefore: 10).Practitioner("anna", start: "14:00", end: "18:00");

        clinic.Times(clinic.Find(Day))[0].ShouldBe("14:30");
        clinic.Check($"{Day} 14:00").Reason.ShouldBe(SlotUnavailableReason.NoPractitionerFree);
    }

    [Fact]
    public void Checking_agrees_with_finding_on_a_day_of_off_grid_shifts()
    {
        var clinic = HourlyFromHalfPast().Practitioner("anna", start: "14:00", end: "18:00").Practitioner("ben", start: "11:10", end: "15:50");
        var offered = clinic.Find(Day).Select(s => s.Start).ToHashSet();

        for (var start = clinic.At($"{Day} 00:00"); start < clinic.At("2026-06-11 00:00"); start = start.AddMinutes(5))
        {
            AvailabilityEngine.Check(clinic.Request(Day), start, null).IsAvailable.ShouldBe(offered.Contains(start), clinic.Time.ToIsoString(start));
        }
    }
}
