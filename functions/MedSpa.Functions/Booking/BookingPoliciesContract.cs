using System.Text.Json.Serialization;

namespace MedSpa.Functions.Booking;

/// <summary>
/// The clinic's booking rules as the API shows and takes them. Every rule is required on the wire, so a PUT cannot
/// silently reset a rule the client left out; the clock format is not, because clients written before it existed still
/// save (they mean 12-hour); the fees and their policy neither (clients written before them charge none), nor the
/// reminders (left out: the defaults, 48 and 2 hours before, after-care, a review after 3 days) and names in
/// calendar links (left out: none). The clinic a document
/// belongs to is the server's business and never on the wire.
/// </summary>
public sealed record BookingPoliciesContract(
    [property: JsonRequired] int WindowDays,
    [property: JsonRequired] int MinimumNoticeMinutes,
    [property: JsonRequired] int SlotStepMinutes,
    [property: JsonRequired] int CancellationNoticeHours,
    [property: JsonRequired] bool ApprovalRequiredForNewPatients,
    [property: JsonRequired] int MaxFutureBookingsPerPatient,
    [property: JsonRequired] bool StaffMayDoubleBook,
    [property: JsonRequired] int DepositHoldMinutes,
    ClockFormat ClockFormat = ClockFormat.TwelveHour,
    long NoShowFee = 0,
    long LateCancellationFee = 0,
    string? CancellationPolicy = null,
    IReadOnlyList<int>? ReminderHoursBefore = null,
    bool AfterCareMessage = true,
    int ReviewRequestAfterDays = 3,
    bool CalendarFeedShowsPatientNames = false)
{
    /// <summary>What a patient booking online accepts (sent back as <c>acceptedPolicyVersion</c>); null when no fee is charged.</summary>
    public string? FeePolicyVersion => ToPolicies().FeePolicyVersion;

    public BookingPolicies ToPolicies() => new()
    {
        WindowDays = WindowDays, MinimumNoticeMinutes = MinimumNoticeMinutes, SlotStepMinutes = SlotStepMinutes, CancellationNoticeHours = CancellationNoticeHours,
        ApprovalRequiredForNewPatients = ApprovalRequiredForNewPatients, MaxFutureBookingsPerPatient = MaxFutureBookingsPerPatient,
        StaffMayDoubleBook = StaffMayDoubleBook, DepositHoldMinutes = DepositHoldMinutes, ClockFormat = ClockFormat,
        NoShowFee = NoShowFee, LateCancellationFee = LateCancellationFee, CancellationPolicy = CancellationPolicy ?? "",
        ReminderHoursBefore = ReminderHoursBefore ?? new BookingPolicies().ReminderHoursBefore, AfterCareMessage = AfterCareMessage, ReviewRequestAfterDays = ReviewRequestAfterDays,
        CalendarFeedShowsPatientNames = CalendarFeedShowsPatientNames,
    };

    public static BookingPoliciesContract From(BookingPolicies p) => new(
        p.WindowDays, p.MinimumNoticeMinutes, p.SlotStepMinutes, p.CancellationNoticeHours, p.ApprovalRequiredForNewPatients, p.MaxFutureBookingsPerPatient,
        p.StaffMayDoubleBook, p.DepositHoldMinutes, p.ClockFormat, p.NoShowFee, p.LateCancellationFee, p.CancellationPolicy,
        p.ReminderHoursBefore, p.AfterCareMessage, p.ReviewRequestAfterDays, p.CalendarFeedShowsPatientNames);
}
