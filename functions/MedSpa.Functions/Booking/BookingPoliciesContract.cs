using System.Text.Json.Serialization;

namespace MedSpa.Functions.Booking;

/// <summary>
/// The clinic's booking rules as the API shows and takes them. Every rule is required on the wire, so a PUT cannot
/// silently reset a rule the client left out; the clock format is not, because clients written before it existed still
/// save (they mean 12-hour). The clinic a document belongs to is the server's business and never on the wire.
/// </summary>
public sealed record BookingPoliciesContract
{
    [JsonRequired]
    public int WindowDays { get; init; }

    [JsonRequired]
    public int MinimumNoticeMinutes { get; init; }

    [JsonRequired]
    public int SlotStepMinutes { get; init; }

    [JsonRequired]
    public int CancellationNoticeHours { get; init; }

    [JsonRequired]
    public bool ApprovalRequiredForNewPatients { get; init; }

    [JsonRequired]
    public int MaxFutureBookingsPerPatient { get; init; }

    [JsonRequired]
    public bool StaffMayDoubleBook { get; init; }

    [JsonRequired]
    public int DepositHoldMinutes { get; init; }

    public ClockFormat ClockFormat { get; init; } = ClockFormat.TwelveHour;

    public BookingPolicies ToPolicies() => new()
    {
        WindowDays = WindowDays, MinimumNoticeMinutes = MinimumNoticeMinutes, SlotStepMinutes = SlotStepMinutes, CancellationNoticeHours = CancellationNoticeHours,
        ApprovalRequiredForNewPatients = ApprovalRequiredForNewPatients, MaxFutureBookingsPerPatient = MaxFutureBookingsPerPatient,
        StaffMayDoubleBook = StaffMayDoubleBook, DepositHoldMinutes = DepositHoldMinutes, ClockFormat = ClockFormat,
    };

    public static BookingPoliciesContract From(BookingPolicies p) => new()
    {
        WindowDays = p.WindowDays, MinimumNoticeMinutes = p.MinimumNoticeMinutes, SlotStepMinutes = p.SlotStepMinutes, CancellationNoticeHours = p.CancellationNoticeHours,
        ApprovalRequiredForNewPatients = p.ApprovalRequiredForNewPatients, MaxFutureBookingsPerPatient = p.MaxFutureBookingsPerPatient,
        StaffMayDoubleBook = p.StaffMayDoubleBook, DepositHoldMinutes = p.DepositHoldMinutes, ClockFormat = p.ClockFormat,
    };
}
