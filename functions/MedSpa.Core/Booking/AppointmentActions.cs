using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Booking;

/// <summary>
/// Who may do what to an appointment, and when: the one place these rules live. The API refuses by them, and sends
/// them with every appointment (<c>allowedActions</c>) so the web app shows exactly the buttons that will work.
/// <list type="bullet">
/// <item>Front desk and admins: every change the appointment's status allows.</item>
/// <item>Practitioners: only check-in and complete, only on their own appointments.</item>
/// <item>Patients: reschedule and cancel their own.</item>
/// <item>Arrived and completed only from the appointment's day (in the location's zone); no-show only after it started.</item>
/// </list>
/// </summary>
public static class AppointmentActions
{
    /// <summary>The wire names: the status an action leads to, plus "reschedule".</summary>
    public const string Approve = "scheduled";
    public const string Confirm = "confirmed";
    public const string CheckIn = "arrived";
    public const string Complete = "completed";
    public const string NoShow = "no-show";
    public const string Cancel = "cancelled";
    public const string Reschedule = "reschedule";

    private static readonly string[] Order = [Approve, Confirm, CheckIn, Complete, NoShow, Cancel, Reschedule];

    /// <summary>What <paramref name="caller"/> may do to the appointment at <paramref name="now"/>.</summary>
    public static IReadOnlyList<string> For(Caller caller, Appointment appointment, string timeZone, DateTimeOffset now) =>
        [.. Order.Where(action => Refusal(caller, appointment, action, timeZone, now) is null)];

    /// <summary>Why <paramref name="caller"/> may not do <paramref name="action"/> now, or null when they may.</summary>
    public static Error? Refusal(Caller caller, Appointment appointment, string action, string timeZone, DateTimeOffset now)
    {
        if (!RoleAllows(caller, appointment, action))
        {
            return new Error.Forbidden(caller.Role == Role.Practitioner
                ? "Practitioners check patients in and complete their own appointments; the front desk makes other changes."
                : "You cannot make this change to this appointment.");
        }

        if (!StatusAllows(appointment.Status, action))
        {
            return new Error.Conflict($"A {Appointment.Wire(appointment.Status)} appointment cannot be {Describe(action)}.");
        }

        var today = ClinicTime.For(timeZone).LocalDate(now);
        var day = DateOnly.ParseExact(appointment.LocalDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return action switch
        {
            CheckIn or Complete when today < day =>
                new Error.Conflict($"This appointment is on {day:dddd d MMMM}; it can be {Describe(action)} from that day."),
            NoShow when now < appointment.StartTime => new Error.Conflict("A patient cannot be a no-show before the appointment starts."),
            _ => null,
        };
    }

    private static bool RoleAllows(Caller caller, Appointment appointment, string action) => caller.Role switch
    {
        Role.Admin or Role.FrontDesk => caller.TenantId == appointment.TenantId,
        Role.Practitioner => caller.StaffId == appointment.PractitionerId && action is CheckIn or Complete,
        Role.Patient => appointment.IsFor(caller) && action is Cancel or Reschedule,
        _ => false,
    };

    /// <summary>The moves the appointment's own state machine accepts (see <see cref="Appointment"/>).</summary>
    private static bool StatusAllows(AppointmentStatus status, string action) => action switch
    {
        Approve => status is AppointmentStatus.PendingApproval,
        Confirm => status is AppointmentStatus.PendingApproval or AppointmentStatus.Scheduled,
        CheckIn => status is AppointmentStatus.Scheduled or AppointmentStatus.Confirmed,
        Complete => status is AppointmentStatus.Arrived,
        NoShow => status is AppointmentStatus.Scheduled or AppointmentStatus.Confirmed,
        Cancel => status is AppointmentStatus.PendingDeposit or AppointmentStatus.PendingApproval or AppointmentStatus.Scheduled or AppointmentStatus.Confirmed,
        Reschedule => status is AppointmentStatus.PendingApproval or AppointmentStatus.Scheduled or AppointmentStatus.Confirmed,
        _ => false,
    };

    private static string Describe(string action) => action switch
    {
        Approve => "approved",
        Confirm => "confirmed",
        CheckIn => "checked in",
        Complete => "completed",
        NoShow => "marked as a no-show",
        Cancel => "cancelled",
        _ => "rescheduled",
    };
}
