namespace MedSpa.Core.Tests.Scheduling;

public sealed class PractitionerTests
{
    private const string Day = "2026-06-10";

    [Fact]
    public void Any_practitioner_lists_every_practitioner_free_for_the_slot()
    {
        var clinic = Clinic.InNewYork().Practitioner("anna").Practitioner("ben").Practitioner("cara").Busy("ben", "2026-06-10 09:00", 60);

        clinic.Check("2026-06-10 09:00").Slot!.PractitionerIds.Order().ShouldBe(["anna", "cara"]);
        clinic.Check("2026-06-10 10:00").Slot!.PractitionerIds.Order().ShouldBe(["anna", "ben", "cara"]);
    }

    [Fact]
    public void A_slot_is_offered_while_at_least_one_practitioner_is_free()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "10:00").Practitioner("anna").Practitioner("ben").Busy("anna", "2026-06-10 09:00", 60);

        clinic.Find(Day).Single().PractitionerIds.ShouldBe(["ben"]);
    }

    [Fact]
    public void A_specific_practitioner_gets_only_their_own_free_slots()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "11:00").Practitioner("anna").Practitioner("ben").Busy("anna", "2026-06-10 09:00", 60);

        var slots = clinic.Find(Day, practitionerId: "anna");

        clinic.Times(slots).ShouldBe(["10:00"]);
        slots.Single().PractitionerIds.ShouldBe(["anna"]);
    }

    [Fact]
    public void Checking_a_specific_busy_practitioner_fails_even_when_another_is_free()
    {
        var clinic = Clinic.InNewYork().Practitioner("anna").Practitioner("ben").Busy("anna", "2026-06-10 09:00", 60);

        clinic.Check("2026-06-10 09:00", "anna").Reason.ShouldBe(SlotUnavailableReason.NoPractitionerFree);
        clinic.Check("2026-06-10 09:00", "ben").Slot!.PractitionerIds.ShouldBe(["ben"]);
    }

    [Fact]
    public void Staff_who_are_not_practitioners_or_are_deleted_are_never_offered()
    {
        var clinic = Clinic.InNewYork()
            .Practitioner("desk", m => m with { Role = StaffRole.FrontDesk })
            .Practitioner("gone", m => m with { Deleted = true });

        clinic.Find(Day).ShouldBeEmpty();
        clinic.Check("2026-06-10 09:00", "desk").Reason.ShouldBe(SlotUnavailableReason.PractitionerNotEligible);
    }

    [Fact]
    public void A_practitioner_the_service_names_is_offered()
    {
        var clinic = Clinic.InNewYork().Staff(Member("dana")).Service(s => s with { PractitionerIds = ["dana"] });

        clinic.Find(Day).ShouldNotBeEmpty();
        clinic.Check("2026-06-10 09:00", "dana").Slot!.PractitionerIds.ShouldBe(["dana"]);
    }

    [Fact]
    public void A_practitioner_the_service_does_not_name_is_never_offered()
    {
        var clinic = Clinic.InNewYork().Staff(Member("dana"));

        clinic.Find(Day).ShouldBeEmpty();
        clinic.Check("2026-06-10 09:00", "dana").Reason.ShouldBe(SlotUnavailableReason.PractitionerNotEligible);
    }

    [Fact]
    public void Busy_time_of_unrelated_resources_is_ignored()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "10:00").Busy("someone-else", "2026-06-10 09:00", 60);

        clinic.Find(Day).Count.ShouldBe(1);
    }

    private static StaffMember Member(string id) => new()
    {
        Id = id,
        Role = StaffRole.Practitioner,
        Practitioner = new PractitionerDetails(),
        WorkingHours = [.. Clinic.EveryDay.Select(d => new WorkingHours(Clinic.LocationId, d, "09:00", "17:00"))],
    };
}
