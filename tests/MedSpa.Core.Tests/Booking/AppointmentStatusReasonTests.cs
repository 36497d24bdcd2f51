namespace MedSpa.Core.Tests.Booking;

public sealed class AppointmentStatusReasonTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    private static Appointment Booked(AppointmentStatus status = AppointmentStatus.Scheduled) => Appointment.Book(
        "appt-1", "demo", "patient-1", "Pat Patient", "service-1", "Facial", null, "location-1", "2026-11-25",
        new BookedTime(Start, 30, 0, 10, "staff-1", "room-1", []), BookingSource.Online, status, "sore skin", null, "CODE1", Start.AddDays(-3).AddMinutes(10), "patient@x", Start.AddDays(-3));

    [Fact]
    public void A_declined_deposit_reads_as_declined_not_as_the_patient_cancelling()
    {
        var appointment = Booked(AppointmentStatus.PendingDeposit);

        appointment.Cancel(AppointmentStatusReason.ReleasedBy, "Your card was declined.", Start.AddDays(-3).AddMinutes(2), noticeHours: 0);

        AppointmentStatusReason.Of(appointment).ShouldBe(new AppointmentStatusReason(AppointmentStatusReason.DepositDeclined, "Your card was declined."));
    }

    [Fact]
    public void A_hold_that_ran_out_reads_as_expired()
    {
        var appointment = Booked(AppointmentStatus.PendingDeposit);

        appointment.Cancel(AppointmentStatusReason.ReleasedBy, AppointmentStatusReason.HoldExpiredText, Start.AddDays(-3).AddMinutes(10), noticeHours: 0);

        AppointmentStatusReason.Of(appointment)!.Code.ShouldBe(AppointmentStatusReason.HoldExpired);
    }

    [Fact]
    public void A_patients_own_cancellation_keeps_their_reason_and_no_code()
    {
        var appointment = Booked();

        appointment.Cancel("patient@x", "Feeling unwell", Start.AddDays(-2), noticeHours: 24);

        AppointmentStatusReason.Of(appointment).ShouldBe(new AppointmentStatusReason(null, "Feeling unwell"));
    }

    [Fact]
    public void A_rescheduled_booking_has_no_status_reason()
    {
        var appointment = Booked();

        appointment.Reschedule(new BookedTime(Start.AddDays(1), 30, 0, 10, "staff-1", "room-1", []), "2026-11-26", "patient@x", Start.AddDays(-2));

        AppointmentStatusReason.Of(appointment).ShouldBeNull();
    }

    [Fact]
    public void The_calendar_entry_names_the_treatment_clinic_and_address_and_nothing_about_the_patient()
    {
        var appointment = Booked();
        appointment.Reschedule(new BookedTime(Start.AddDays(1), 30, 0, 10, "staff-1", "room-1", []), "2026-11-26", "patient@x", Start.AddDays(-2));
        var setup = new ClinicSetup(
            [new Location { Id = "location-1", Name = "SoHo", TimeZone = "America/New_York", Address = new Address("10 Prince St", null, "New York", "NY", "10012", "US") }],
            [new StaffMember { Id = "staff-1", FirstName = "Ina", LastName = "Injector" }], [], [], []);

        var entry = AppointmentCalendarEntry.For(appointment, setup, "Demo Clinic");

        entry.Uid.ShouldBe("appt-1@demo.medspa");
        entry.Summary.ShouldBe("Facial at Demo Clinic");
        entry.Location.ShouldBe("SoHo, 10 Prince St, New York, NY 10012, US");
        (entry.Start, entry.End).ShouldBe((Start.AddDays(1), Start.AddDays(1).AddMinutes(30)));
        entry.Sequence.ShouldBe(1);
        entry.Status.ShouldBe("CONFIRMED");
        string.Join(" ", entry.Summary, entry.Location, entry.Description).ShouldNotContain("Pat");
        entry.Description.ShouldNotContain("sore skin");
        entry.Description.ShouldNotContain("CODE1");
    }
}
