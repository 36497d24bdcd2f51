namespace MedSpa.Core.Reminders;

/// <summary>One message of an appointment's reminders: its key (48h, 2h, after-care, review) and when it is due.</summary>
public sealed record PlannedReminder(string Key, DateTimeOffset At);

/// <summary>
/// What an appointment's reminders are, as planned for the appointment as it is now: <see cref="Stands"/> false when it
/// was cancelled or is gone (nothing more to send); <see cref="Start"/> the time the reminders are for, so a reminder
/// for a time the appointment has since left is never sent.
/// </summary>
public sealed record ReminderPlan(bool Stands, DateTimeOffset Start, IReadOnlyList<PlannedReminder> Reminders)
{
    public static readonly ReminderPlan Stopped = new(false, DateTimeOffset.MinValue, []);
}

/// <summary>The appointment a reminder is for, and the start time it was planned for.</summary>
public sealed record ReminderDue(string TenantId, string AppointmentId, string Key, DateTimeOffset PlannedStart);

public static class ReminderKeys
{
    public const string AfterCare = "after-care";
    public const string Review = "review";

    public static string HoursBefore(int hours) => $"{hours}h";

    /// <summary>After-care and the review request go out the morning after and some days after, at this local time.</summary>
    public static readonly TimeOnly MorningSend = new(10, 0);
}
