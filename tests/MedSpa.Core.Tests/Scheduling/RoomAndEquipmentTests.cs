namespace MedSpa.Core.Tests.Scheduling;

public sealed class RoomAndEquipmentTests
{
    private const string Day = "2026-06-10";

    [Fact]
    public void A_service_needing_a_room_gets_a_free_room_of_that_type()
    {
        var clinic = Clinic.InNewYork().NeedsRoom("laser").Room("room-a", "facial").Room("room-b", "laser");

        clinic.Find(Day).ShouldAllBe(s => s.RoomId == "room-b");
    }

    [Fact]
    public void A_service_needing_no_room_gets_none()
    {
        Clinic.InNewYork().Room("room-a", "laser").Find(Day).ShouldAllBe(s => s.RoomId == null);
    }

    [Fact]
    public void Room_types_match_regardless_of_case()
    {
        Clinic.InNewYork().NeedsRoom("Laser").Room("room-a", "laser").Find(Day).ShouldNotBeEmpty();
    }

    [Fact]
    public void When_the_first_room_is_taken_the_next_free_one_is_offered()
    {
        var clinic = Clinic.InNewYork().NeedsRoom("laser").Room("room-a", "laser").Room("room-b", "laser").Busy("room-a", "2026-06-10 09:00", 60);

        clinic.Check("2026-06-10 09:00").Slot!.RoomId.ShouldBe("room-b");
        clinic.Check("2026-06-10 10:00").Slot!.RoomId.ShouldBe("room-a");
    }

    [Fact]
    public void When_every_room_of_the_type_is_taken_there_is_no_slot()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "11:00").NeedsRoom("laser").Room("room-a", "laser").Room("room-b", "laser")
            .Busy("room-a", "2026-06-10 09:00", 120).Busy("room-b", "2026-06-10 09:00", 120);

        clinic.Find(Day).ShouldBeEmpty();
        clinic.Check("2026-06-10 09:00").Reason.ShouldBe(SlotUnavailableReason.NoRoomFree);
    }

    [Fact]
    public void Rooms_elsewhere_or_deleted_do_not_count()
    {
        var clinic = Clinic.InNewYork().NeedsRoom("laser").Room("room-a", "laser", location: "loc-2").Room("room-b", "laser", deleted: true);

        clinic.Find(Day).ShouldBeEmpty();
    }

    [Fact]
    public void Room_capacity_is_ignored_a_room_holds_one_booking_at_a_time()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "10:00").NeedsRoom("suite").Room("suite-1", "suite", capacity: 4).Busy("suite-1", "2026-06-10 09:00", 60);

        clinic.Find(Day).ShouldBeEmpty();
    }

    [Fact]
    public void A_service_needing_equipment_gets_one_free_unit_per_type_in_order()
    {
        var clinic = Clinic.InNewYork().NeedsEquipment("laser", "cooler").Unit("cool-1", "cooler").Unit("laser-1", "laser");

        clinic.Find(Day).ShouldAllBe(s => s.EquipmentIds.SequenceEqual(new[] { "laser-1", "cool-1" }));
    }

    [Fact]
    public void Equipment_in_maintenance_gives_no_slot()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "12:00").NeedsEquipment("laser")
            .Unit("laser-1", "laser", maintenance: ("2026-06-10 09:30", "2026-06-10 11:00"));

        clinic.Times(clinic.Find(Day)).ShouldBe(["11:00"]);
        clinic.Check("2026-06-10 10:00").Reason.ShouldBe(SlotUnavailableReason.NoEquipmentFree);
    }

    [Fact]
    public void Another_unit_of_the_type_stands_in_for_one_in_maintenance()
    {
        var clinic = Clinic.InNewYork().NeedsEquipment("laser")
            .Unit("laser-1", "laser", maintenance: ("2026-06-10 00:00", "2026-06-11 00:00")).Unit("laser-2", "laser");

        clinic.Find(Day).ShouldAllBe(s => s.EquipmentIds.SequenceEqual(new[] { "laser-2" }));
    }

    [Fact]
    public void A_maintenance_window_spanning_weeks_blocks_every_day_inside_it()
    {
        var clinic = Clinic.InNewYork().NeedsEquipment("laser").Unit("laser-1", "laser", maintenance: ("2026-05-20 00:00", "2026-06-20 00:00"));

        clinic.Find("2026-06-10", "2026-06-12").ShouldBeEmpty();
    }

    [Fact]
    public void Busy_equipment_gives_no_slot()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "11:00").NeedsEquipment("laser").Unit("laser-1", "laser").Busy("laser-1", "2026-06-10 09:30", 30);

        clinic.Times(clinic.Find(Day)).ShouldBe(["10:00"]);
    }

    [Fact]
    public void Equipment_elsewhere_deleted_or_of_another_type_does_not_count()
    {
        var clinic = Clinic.InNewYork().NeedsEquipment("laser")
            .Unit("laser-1", "laser", location: "loc-2").Unit("laser-2", "laser", deleted: true).Unit("cool-1", "cooler");

        clinic.Find(Day).ShouldBeEmpty();
    }

    [Fact]
    public void Listing_a_type_twice_needs_two_distinct_units()
    {
        var clinic = Clinic.InNewYork().NeedsEquipment("laser", "laser").Unit("laser-1", "laser");

        clinic.Find(Day).ShouldBeEmpty();
        clinic.Unit("laser-2", "laser").Find(Day).ShouldAllBe(s => s.EquipmentIds.SequenceEqual(new[] { "laser-1", "laser-2" }));
    }

    [Fact]
    public void A_free_practitioner_room_and_equipment_are_all_needed_together()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "12:00").NeedsRoom("laser").NeedsEquipment("laser")
            .Room("room-1", "laser").Unit("laser-1", "laser")
            .Busy("anna", "2026-06-10 09:00", 60).Busy("room-1", "2026-06-10 10:00", 60);

        clinic.Times(clinic.Find(Day)).ShouldBe(["11:00"]);
    }
}
