namespace MedSpa.Core.Tests.Booking;

/// <summary>Who may do what to an appointment, and when: one set of rules for the API and the buttons it offers.</summary>
public sealed class AppointmentActionsTests
{
    private const string NewYork = "America/New_York";

    // Wednesday 25 November 2026, 13:00 in New York (18:00 UTC).
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    private static readonly Caller Desk = new("u1", "desk@x", "Desk", "demo", Role.FrontDesk);
    private static readonly Caller Admin = new("u2", "admin@x", "Admin", "demo", Role.Admin);
    private static readonly Caller Injector = new("u3", "injector@x", "Injector", "demo", Role.Practitioner, StaffId: "staff-1");
    private static readonly Caller Colleague = new("u4", "other@x", "Other", "demo", Role.Practitioner, StaffId: "staff-2");
    private static readonly Caller ThePatient = new("u5", "pat@x", "Pat", "demo", Role.Patient, PatientId: "patient-1");
    private static readonly Caller AnotherPatient = new("u6", "sam@x", "Sam", "demo", Role.Patient, PatientId: "patient-2");

    private static Appointment Booked(AppointmentStatus status = AppointmentStatus.Scheduled) => Appointment.Book(
        "appt-1", "demo", "patient-1", "Pat Patient", "service-1", "Facial", null, "location-1", "2026-11-25",
        new BookedTime(Start, 30, 0, 10, "staff-1", "room-1", []), BookingSource.Online, status, null, null, "code", null, "patient@x", Start.AddDays(-3));

    private static IReadOnlyList<string> Actions(Caller caller, Appointment appointment, DateTimeOffset now) =>
        AppointmentActions.For(caller, appointment, NewYork, now);

    [Fact]
    public void The_desk_can_check_in_from_the_morning_of_the_appointments_day_but_not_the_day_before()
    {
        var dayBefore = new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.FromHours(-5));
        var sameMorning = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(-5));

        Actions(Desk, Booked(), dayBefore).ShouldBe(["confirmed", "cancelled", "reschedule"]);
        Actions(Desk, Booked(), sameMorning).ShouldBe(["confirmed", "arrived", "cancelled", "reschedule"]);
        AppointmentActions.Refusal(Desk, Booked(), AppointmentActions.CheckIn, NewYork, dayBefore).ShouldBeOfType<Error.Conflict>()
            .Detail.ShouldContain("Wednesday 25 November");
    }

    [Fact]
    public void A_no_show_only_after_the_appointment_started()
    {
        Actions(Admin, Booked(), Start.AddMinutes(-1)).ShouldNotContain("no-show");
        Actions(Admin, Booked(), Start.AddMinutes(1)).ShouldContain("no-show");
    }

    [Fact]
    public void Completing_follows_arrival_and_also_waits_for_the_day()
    {
        Actions(Desk, Booked(AppointmentStatus.Arrived), Start.AddMinutes(40)).ShouldBe(["completed"]);
        Actions(Desk, Booked(AppointmentStatus.Completed), Start.AddHours(2)).ShouldBeEmpty();
    }

    [Fact]
    public void A_practitioner_only_checks_in_and_completes_their_own()
    {
        var now = Start.AddMinutes(-10);

        Actions(Injector, Booked(), now).ShouldBe(["arrived"]);
        Actions(Injector, Booked(AppointmentStatus.Arrived), now).ShouldBe(["completed"]);
        Actions(Colleague, Booked(), now).ShouldBeEmpty();
        AppointmentActions.Refusal(Injector, Booked(), AppointmentActions.Cancel, NewYork, now).ShouldBeOfType<Error.Forbidden>();
        AppointmentActions.Refusal(Injector, Booked(), AppointmentActions.NoShow, NewYork, Start.AddHours(1)).ShouldBeOfType<Error.Forbidden>();
    }

    [Fact]
    public void A_patient_reschedules_and_cancels_their_own_and_nothing_else()
    {
        Actions(ThePatient, Booked(), Start.AddDays(-2)).ShouldBe(["cancelled", "reschedule"]);
        Actions(ThePatient, Booked(AppointmentStatus.Arrived), Start).ShouldBeEmpty();
        Actions(AnotherPatient, Booked(), Start.AddDays(-2)).ShouldBeEmpty();
    }

    [Fact]
    public void Staff_of_another_clinic_may_do_nothing()
    {
        var stranger = Desk with { TenantId = "other" };

        Actions(stranger, Booked(), Start).ShouldBeEmpty();
    }
}
