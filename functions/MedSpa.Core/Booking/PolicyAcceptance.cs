namespace MedSpa.Core.Booking;

/// <summary>
/// A patient's acceptance of the clinic's cancellation policy when they booked online: the words and fees as shown, when,
/// and from which address and browser. A fee is charged only under terms the patient accepted.
/// </summary>
public sealed record PolicyAcceptance(
    string Version,
    string Policy,
    long NoShowFee,
    long LateCancellationFee,
    int NoticeHours,
    DateTimeOffset AcceptedAt,
    string? IpAddress,
    string? UserAgent);
