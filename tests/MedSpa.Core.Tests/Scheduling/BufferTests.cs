namespace MedSpa.Core.Tests.Scheduling;

public sealed class BufferTests
{
    private const string Day = "2026-06-10";

    [Fact]
    public void A_buffer_after_blocks_the_slot_that_would_run_into_the_next_booking()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "13:00").Lasting(60, bufferAfter: 15).Busy("anna", "2026-06-10 11:00", 60);

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:00", "09:15", "09:30", "09:45", "12:00"]);
    }

    [Fact]
    public void A_buffer_before_blocks_the_slot_right_after_a_booking()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "12:00").Lasting(60, bufferBefore: 15).Practitioner("anna", start: "08:00", end: "12:00")
            .Busy("anna", "2026-06-10 09:00", 60);

        clinic.Times(clinic.Find(Day)).ShouldBe(["10:15", "10:30", "10:45", "11:00"]);
    }

    [Fact]
    public void A_booking_may_start_exactly_when_the_previous_occupied_span_ends()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "12:00").Busy("anna", "2026-06-10 09:00", 60);

        clinic.Times(clinic.Find(Day))[0].ShouldBe("10:00");
    }

    [Fact]
    public void Buffers_must_fit_within_the_practitioners_working_hours()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "12:00").Lasting(60, bufferBefore: 15, bufferAfter: 15).Practitioner("anna", start: "09:00", end: "12:00");

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45"]);
    }

    [Fact]
    public void Buffers_may_run_before_opening_and_after_closing_when_the_practitioner_is_working()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "12:00").Lasting(60, bufferBefore: 15, bufferAfter: 15).Practitioner("anna", start: "08:30", end: "12:30");

        var times = clinic.Times(clinic.Find(Day));

        (times[0], times[^1]).ShouldBe(("09:00", "11:00"));
    }

    [Fact]
    public void Buffers_block_a_busy_room_as_well_as_the_practitioner()
    {
        var clinic = Clinic.InNewYork().Open("09:00", "12:00").Lasting(60, bufferAfter: 30).NeedsRoom("laser").Room("room-1", "laser")
            .Practitioner("anna", start: "09:00", end: "13:00").Busy("room-1", "2026-06-10 11:00", 60);

        clinic.Times(clinic.Find(Day)).ShouldBe(["09:00", "09:15", "09:30"]);
    }
}
