namespace MedSpa.Core.Booking;

/// <summary>
/// Why an appointment is in its status, for the person it belongs to: a booking that the deposit saga released (a
/// declined payment, or a hold that ran out before the deposit was paid) must not read as if the patient cancelled.
/// </summary>
/// <param name="Code"><c>deposit-declined</c>, <c>hold-expired</c>, or null when nothing more specific is known.</param>
/// <param name="Reason">The reason recorded with the change into the current status, as written (null when none).</param>
public sealed record AppointmentStatusReason(string? Code, string? Reason)
{
    public const string DepositDeclined = "deposit-declined";
    public const string HoldExpired = "hold-expired";

    /// <summary>Who the booking saga's release is recorded as (<see cref="SettleDeposit.ReleaseAsync"/>).</summary>
    public const string ReleasedBy = "payments";

    /// <summary>The reason the booking saga gives when the hold ends before a payment arrives (BookingSaga; a test holds them equal).</summary>
    public const string HoldExpiredText = "The deposit was not paid before the hold expired.";

    /// <summary>
    /// The reason of the change that moved the appointment into its current status (a reschedule keeps the status and
    /// is not that change), and what it means when the deposit saga made it. Null when the history has no such change.
    /// </summary>
    public static AppointmentStatusReason? Of(Appointment appointment)
    {
        var history = appointment.History;
        StatusChange? into = null;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Status != appointment.Status)
            {
                break;
            }

            if (history[i].Reason != "rescheduled")
            {
                into = history[i];
            }
        }

        if (into is null)
        {
            return null;
        }

        var code = appointment.Status == AppointmentStatus.Cancelled && into.By == ReleasedBy
            ? into.Reason == HoldExpiredText ? HoldExpired : DepositDeclined
            : null;
        return code is null && into.Reason is null ? null : new AppointmentStatusReason(code, into.Reason);
    }
}
