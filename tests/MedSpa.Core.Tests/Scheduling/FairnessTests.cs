namespace MedSpa.Core.Tests.Scheduling;

public sealed class FairnessTests
{
    [Fact]
    public void The_practitioner_with_fewest_busy_minutes_that_day_comes_first()
    {
        var clinic = Clinic.InNewYork().Practitioner("anna").Practitioner("ben").Practitioner("cara")
            .Busy("anna", "2026-06-10 09:00", 90).Busy("ben", "2026-06-10 10:00", 30);

        clinic.Check("2026-06-10 14:00").Slot!.PractitionerIds.ShouldBe(["cara", "ben", "anna"]);
    }

    [Fact]
    public void Busy_minutes_on_other_days_do_not_count()
    {
        var clinic = Clinic.InNewYork().Practitioner("anna").Practitioner("ben")
            .Busy("anna", "2026-06-09 09:00", 480).Busy("ben", "2026-06-10 09:00", 30);

        AvailabilityEngine.ChoosePractitioner(clinic.Check("2026-06-10 14:00").Slot!).ShouldBe("anna");
    }

    [Fact]
    public void Equally_loaded_practitioners_take_turns_across_slots()
    {
        var clinic = Clinic.InNewYork().Practitioner("anna").Practitioner("ben").Practitioner("cara");

        var firstChoices = clinic.Find("2026-06-10").Take(6).Select(AvailabilityEngine.ChoosePractitioner).ToArray();

        firstChoices.Distinct().Order().ShouldBe(["anna", "ben", "cara"]);
        firstChoices.ShouldBe(clinic.Find("2026-06-10").Take(6).Select(AvailabilityEngine.ChoosePractitioner)); // deterministic
    }

    [Fact]
    public void The_fair_chooser_spreads_any_practitioner_bookings_evenly()
    {
        var clinic = Clinic.InNewYork().Practitioner("anna").Practitioner("ben").Practitioner("cara");
        var booked = new List<string>();

        foreach (var start in new[] { "09:00", "10:00", "11:00", "12:00", "13:00", "14:00" })
        {
            var slot = clinic.Check($"2026-06-10 {start}").Slot!;
            var chosen = AvailabilityEngine.ChoosePractitioner(slot);
            booked.Add(chosen);
            clinic.Busy(new BusyInterval(chosen, slot.OccupiedStart, slot.OccupiedEnd));
        }

        booked.GroupBy(p => p).Select(g => g.Count()).ShouldAllBe(n => n == 2);
        booked.Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void Choosing_from_a_slot_without_practitioners_is_refused()
    {
        var empty = new Slot(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [], null, [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        Should.Throw<ArgumentException>(() => AvailabilityEngine.ChoosePractitioner(empty));
    }
}
