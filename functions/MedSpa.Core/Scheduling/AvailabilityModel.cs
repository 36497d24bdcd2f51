namespace MedSpa.Core.Scheduling;

/// <summary>How far ahead and how finely a location offers slots.</summary>
public sealed record BookingPolicy
{
    public static BookingPolicy Default { get; } = new();

    /// <summary>Rolling window: a slot must start before <c>Now + WindowDays</c> (24-hour days of real time).</summary>
    public int WindowDays { get; init; } = 60;

    /// <summary>A slot must start at or after <c>Now + MinimumNoticeMinutes</c>.</summary>
    public int MinimumNoticeMinutes { get; init; } = 120;

    /// <summary>Slots start every this many wall-clock minutes from each opening time (1..1440).</summary>
    public int SlotStepMinutes { get; init; } = 15;
}

/// <summary>
/// A span during which a resource (practitioner, room or equipment unit; <see cref="ResourceId"/> is its setup id) is
/// already taken: a live booking or an unexpired hold, including that booking's buffers. Half-open: <c>[Start, End)</c>,
/// so a span ending at 10:00 does not clash with one starting at 10:00.
/// </summary>
public sealed record BusyInterval(string ResourceId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Everything the engine needs to answer "when can this service be booked here".</summary>
/// <param name="Staff">All staff; the engine picks the practitioners who can perform the service at this location.</param>
/// <param name="From">First local date at the location (inclusive).</param>
/// <param name="To">Last local date at the location (inclusive).</param>
/// <param name="PractitionerId">Only this practitioner; null means any practitioner.</param>
public sealed record AvailabilityRequest(
    Location Location,
    Service Service,
    IReadOnlyList<StaffMember> Staff,
    IReadOnlyList<Room> Rooms,
    IReadOnlyList<Equipment> Equipment,
    IReadOnlyList<BusyInterval> Busy,
    DateTimeOffset Now,
    BookingPolicy Policy,
    DateOnly From,
    DateOnly To,
    string? PractitionerId = null);

/// <summary>A bookable start time and the resources that are free for it.</summary>
/// <param name="Start">UTC instant the service starts.</param>
/// <param name="End">Start + service duration.</param>
/// <param name="PractitionerIds">Every practitioner free for it, fairest first (see <see cref="AvailabilityEngine.ChoosePractitioner"/>).</param>
/// <param name="RoomId">A free room of the service's room type, or null when the service needs no room.</param>
/// <param name="EquipmentIds">One free unit for each entry of the service's equipment types, in that order.</param>
/// <param name="OccupiedStart">Start − buffer before: where the booking's claim on every resource begins.</param>
/// <param name="OccupiedEnd">End + buffer after: where the booking's claim on every resource ends (exclusive).</param>
public sealed record Slot(
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<string> PractitionerIds,
    string? RoomId,
    IReadOnlyList<string> EquipmentIds,
    DateTimeOffset OccupiedStart,
    DateTimeOffset OccupiedEnd)
{
    /// <summary>The local date (at the location) the slot belongs to; ledgers keyed by local day use it.</summary>
    public DateOnly LocalDate { get; init; }
}

/// <summary>Why a start time cannot be booked, most fundamental first.</summary>
public enum SlotUnavailableReason
{
    /// <summary>The service or location is deleted, or the service has no positive duration.</summary>
    ServiceUnavailable,

    /// <summary>The named practitioner does not perform this service at this location (or is not a practitioner).</summary>
    PractitionerNotEligible,

    /// <summary>The location is closed that local date (a closure, or no opening hours that weekday).</summary>
    Closed,

    /// <summary>The service would not start and end within the opening hours.</summary>
    OutsideOpeningHours,

    /// <summary>The start is not on the wall-clock step grid counted from the opening time.</summary>
    NotOnSlotGrid,

    /// <summary>The start is earlier than now + minimum notice.</summary>
    TooSoon,

    /// <summary>The start is not before now + the booking window.</summary>
    BeyondBookingWindow,

    /// <summary>No eligible practitioner is working and free for the whole occupied span.</summary>
    NoPractitionerFree,

    /// <summary>Every room of the required type is taken.</summary>
    NoRoomFree,

    /// <summary>Some required equipment type has no free unit (taken or in maintenance).</summary>
    NoEquipmentFree,
}

/// <summary>The answer of <see cref="AvailabilityEngine.Check"/>: the slot, or why not.</summary>
public sealed record SlotCheck
{
    private SlotCheck(Slot? slot, SlotUnavailableReason? reason)
    {
        Slot = slot;
        Reason = reason;
    }

    public Slot? Slot { get; }

    public SlotUnavailableReason? Reason { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Slot))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Reason))]
    public bool IsAvailable => Slot is not null;

    public static SlotCheck Available(Slot slot) => new(slot, null);

    public static SlotCheck Unavailable(SlotUnavailableReason reason) => new(null, reason);
}
