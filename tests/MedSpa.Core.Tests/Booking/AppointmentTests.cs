namespace MedSpa.Core.Tests.Booking;

public sealed class AppointmentTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    private static Appointment Booked(AppointmentStatus status = AppointmentStatus.Scheduled) => Appointment.Book(
        "appt-1", "demo", "patient-1", "Pat Patient", "service-1", "Facial", null, "location-1", "2026-11-25",
        new BookedTime(Start, 30, 0, 10, "staff-1", "room-1", []), BookingSource.Online, status, null, null, "code", null, "patient@x", Start.AddDays(-3));

    [Fact]
    public void A_visit_runs_from_check_in_to_completion_with_who_and_when_kept()
    {
        var appointment = Booked();

        appointment.CheckIn("frontdesk@x", Start.AddMinutes(-5)).IsSuccess.ShouldBeTrue();
        appointment.Complete("injector@x", Start.AddMinutes(35)).IsSuccess.ShouldBeTrue();

        appointment.Status.ShouldBe(AppointmentStatus.Completed);
        appointment.History.Select(h => (h.Status, h.By)).ShouldBe([
            (AppointmentStatus.Scheduled, "patient@x"), (AppointmentStatus.Arrived, "frontdesk@x"), (AppointmentStatus.Completed, "injector@x")]);
    }

    [Fact]
    public void Cancelling_inside_the_notice_period_is_flagged_for_a_fee()
    {
        var late = Booked();
        var early = Booked();

        late.Cancel("patient@x", "sick", Start.AddHours(-3), noticeHours: 24);
        early.Cancel("patient@x", "sick", Start.AddHours(-48), noticeHours: 24);

        (late.LateCancellation, early.LateCancellation).ShouldBe((true, false));
        late.HoldsTime.ShouldBeFalse();
    }

    [Fact]
    public void A_completed_visit_cannot_be_cancelled()
    {
        var appointment = Booked(AppointmentStatus.Arrived);
        appointment.Complete("x", Start);

        appointment.Cancel("x", null, Start, 24).Error.ShouldBeOfType<Error.Conflict>();
        appointment.Status.ShouldBe(AppointmentStatus.Completed);
    }

    [Fact]
    public void No_show_only_after_the_start()
    {
        var appointment = Booked();

        appointment.MarkNoShow("x", Start.AddMinutes(-1)).IsSuccess.ShouldBeFalse();
        appointment.MarkNoShow("x", Start.AddMinutes(20)).IsSuccess.ShouldBeTrue();
        appointment.LateCancellation.ShouldBeTrue();
    }

    [Fact]
    public void A_paid_deposit_turns_the_hold_into_a_booking()
    {
        var appointment = Booked(AppointmentStatus.PendingDeposit);

        appointment.Schedule("payments", Start.AddDays(-3)).IsSuccess.ShouldBeTrue();

        appointment.Status.ShouldBe(AppointmentStatus.Scheduled);
        appointment.HoldExpiresAt.ShouldBeNull();
    }

    [Fact]
    public void The_resources_held_are_the_practitioner_room_and_devices() =>
        Booked().ResourceIds.ShouldBe(["staff-1", "room-1"]);
}
