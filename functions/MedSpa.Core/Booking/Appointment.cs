using System.Text.Json.Serialization;

namespace MedSpa.Core.Booking;

/// <summary>
/// Appointment states, with the specification's wire names. The converter on the type keeps them strings in every
/// serializer (the API, the store, the Durable payloads), and refuses numbers and unknown names.
/// </summary>
[JsonConverter(typeof(AppointmentStatusJson))]
public enum AppointmentStatus
{
    /// <summary>Held while a deposit is awaited; the slot is claimed with an expiry.</summary>
    [JsonStringEnumMemberName("pending-deposit")]
    PendingDeposit,

    /// <summary>Held until staff approve (new patients, when the clinic asks for it).</summary>
    [JsonStringEnumMemberName("pending-approval")]
    PendingApproval,
    [JsonStringEnumMemberName("scheduled")]
    Scheduled,
    [JsonStringEnumMemberName("confirmed")]
    Confirmed,
    [JsonStringEnumMemberName("arrived")]
    Arrived,
    [JsonStringEnumMemberName("completed")]
    Completed,
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
    [JsonStringEnumMemberName("no-show")]
    NoShow,
}

public enum BookingSource
{
    Online,
    Admin,
    Phone,
    [JsonStringEnumMemberName("walk-in")]
    WalkIn,
}

/// <summary>Who changed the status, when and why: the appointment's own history.</summary>
public sealed record StatusChange(AppointmentStatus Status, DateTimeOffset At, string By, string? Reason);

/// <summary>
/// A booked visit. State changes only through methods named for what happens in the clinic; each guards its rule
/// and refuses an illegal transition with a typed error instead of corrupting the record.
/// </summary>
public sealed class Appointment
{
    [JsonConstructor]
    public Appointment(
        string id,
        string tenantId,
        string patientId,
        string practitionerId,
        string serviceId,
        string locationId,
        DateTimeOffset startTime,
        int duration,
        int bufferBefore,
        int bufferAfter,
        string? roomId,
        IReadOnlyList<string> equipmentIds,
        BookingSource bookingSource,
        AppointmentStatus status,
        string? notes,
        string localDate,
        string patientName,
        string serviceName,
        Money? depositAmount,
        string? visitId,
        string? checkInCode,
        bool lateCancellation,
        DateTimeOffset? holdExpiresAt,
        IReadOnlyList<StatusChange> history,
        DateTimeOffset createdAt,
        DateTimeOffset modifiedAt,
        bool doubleBooked = false,
        IReadOnlyList<Forms.MissingForm>? missingForms = null,
        IReadOnlyList<string>? guardianIds = null)
    {
        DoubleBooked = doubleBooked;
        MissingForms = missingForms ?? [];
        GuardianIds = guardianIds ?? [];
        Id = id;
        TenantId = tenantId;
        PatientId = patientId;
        PractitionerId = practitionerId;
        ServiceId = serviceId;
        LocationId = locationId;
        StartTime = startTime;
        Duration = duration;
        BufferBefore = bufferBefore;
        BufferAfter = bufferAfter;
        RoomId = roomId;
        EquipmentIds = equipmentIds;
        BookingSource = bookingSource;
        Status = status;
        Notes = notes;
        LocalDate = localDate;
        PatientName = patientName;
        ServiceName = serviceName;
        DepositAmount = depositAmount;
        VisitId = visitId;
        CheckInCode = checkInCode;
        LateCancellation = lateCancellation;
        HoldExpiresAt = holdExpiresAt;
        History = history;
        CreatedAt = createdAt;
        ModifiedAt = modifiedAt;
    }

    public string Id { get; private set; }

    public string TenantId { get; private set; }

    public string PatientId { get; private set; }

    public string PractitionerId { get; private set; }

    public string ServiceId { get; private set; }

    public string LocationId { get; private set; }

    public DateTimeOffset StartTime { get; private set; }

    /// <summary>Minutes of service time (buffers are extra, held but not shown to the patient).</summary>
    public int Duration { get; private set; }

    public int BufferBefore { get; private set; }

    public int BufferAfter { get; private set; }

    public string? RoomId { get; private set; }

    public IReadOnlyList<string> EquipmentIds { get; private set; }

    public BookingSource BookingSource { get; private set; }

    public AppointmentStatus Status { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>The local date at the location; the calendar and the ledgers are keyed by it.</summary>
    public string LocalDate { get; private set; }

    /// <summary>Kept with the booking so calendars and lists need no lookups; names as they were when booked.</summary>
    public string PatientName { get; private set; }

    public string ServiceName { get; private set; }

    /// <summary>The deposit the booking asks for (null when none).</summary>
    public Money? DepositAmount { get; private set; }

    /// <summary>Appointments booked together (a multi-service visit) share a visit id.</summary>
    public string? VisitId { get; private set; }

    /// <summary>The secret in the patient's QR code; scanning it at the desk checks them in.</summary>
    public string? CheckInCode { get; private set; }

    /// <summary>Cancelled inside the policy's notice, or a no-show: flagged for the clinic's fee.</summary>
    public bool LateCancellation { get; private set; }

    /// <summary>The fee policy the patient accepted when booking online: what a no-show or late-cancellation fee is charged under.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public PolicyAcceptance? FeePolicy { get; private set; }

    public void AcceptFeePolicy(PolicyAcceptance accepted) => FeePolicy = accepted;

    public DateTimeOffset? HoldExpiresAt { get; private set; }

    /// <summary>Staff booked the practitioner over another booking on purpose (the clinic allows it; never online).</summary>
    public bool DoubleBooked { get; private set; }

    public IReadOnlyList<StatusChange> History { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ModifiedAt { get; private set; }

    /// <summary>
    /// The forms its service requires that the patient had not validly filled for the visit's day, as of the last
    /// look (at booking, and whenever the patient hands one in): what the calendar's badge shows without a query per
    /// appointment. Decisions (completing the visit) look again (<see cref="Forms.FormRequirements"/>).
    /// </summary>
    public IReadOnlyList<Forms.MissingForm> MissingForms { get; private set; }

    /// <summary>
    /// For a child's appointment: the parents and guardians on the child's record when it was booked. They see it and
    /// may cancel or move it from their own portal, as the patient may.
    /// </summary>
    public IReadOnlyList<string> GuardianIds { get; private set; }

    /// <summary>Whether a patient's sign-in acts for this appointment's patient: their own, or their child's.</summary>
    public bool IsFor(Caller caller) =>
        caller is { Role: Role.Patient, PatientId: { } me } && (me == PatientId || GuardianIds.Contains(me));

    public void NoteGuardians(IEnumerable<string> guardianIds) => GuardianIds = [.. guardianIds];

    public const string DocumentKind = "appointment";

    public string Kind => DocumentKind;

    public DateTimeOffset EndTime => StartTime.AddMinutes(Duration);

    public DateTimeOffset OccupiedStart => StartTime.AddMinutes(-BufferBefore);

    public DateTimeOffset OccupiedEnd => EndTime.AddMinutes(BufferAfter);

    /// <summary>Live bookings hold their resources; cancelled and no-show ones free them.</summary>
    [JsonIgnore]
    public bool HoldsTime => Status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow);

    [JsonIgnore]
    public bool IsPending => Status is AppointmentStatus.PendingDeposit or AppointmentStatus.PendingApproval;

    [JsonIgnore]
    public IReadOnlyList<string> ResourceIds => [PractitionerId, .. RoomId is null ? Array.Empty<string>() : [RoomId], .. EquipmentIds];

    public static Appointment Book(
        string id,
        string tenantId,
        string patientId,
        string patientName,
        string serviceId,
        string serviceName,
        Money? depositAmount,
        string locationId,
        string localDate,
        BookedTime time,
        BookingSource source,
        AppointmentStatus initialStatus,
        string? notes,
        string? visitId,
        string checkInCode,
        DateTimeOffset? holdExpiresAt,
        string by,
        DateTimeOffset now,
        bool doubleBooked = false) =>
        new(id, tenantId, patientId, time.PractitionerId, serviceId, locationId, time.Start, time.Duration, time.BufferBefore, time.BufferAfter,
            time.RoomId, time.EquipmentIds, source, initialStatus, notes, localDate, patientName, serviceName, depositAmount, visitId, checkInCode, false, holdExpiresAt,
            [new StatusChange(initialStatus, now, by, null)], now, now, doubleBooked);

    /// <returns>Whether the list changed (and the appointment needs saving).</returns>
    public bool NoteMissingForms(IReadOnlyList<Forms.MissingForm> missing)
    {
        if (MissingForms.SequenceEqual(missing))
        {
            return false;
        }

        MissingForms = missing;
        return true;
    }

    public Result<Appointment> Confirm(string by, DateTimeOffset now) =>
        Move([AppointmentStatus.PendingDeposit, AppointmentStatus.PendingApproval, AppointmentStatus.Scheduled], AppointmentStatus.Confirmed, by, null, now,
            a => a.HoldExpiresAt = null);

    /// <summary>Approval or a paid deposit turns a hold into a booking.</summary>
    public Result<Appointment> Schedule(string by, DateTimeOffset now) =>
        Move([AppointmentStatus.PendingDeposit, AppointmentStatus.PendingApproval], AppointmentStatus.Scheduled, by, null, now, a => a.HoldExpiresAt = null);

    public Result<Appointment> CheckIn(string by, DateTimeOffset now) =>
        Move([AppointmentStatus.Scheduled, AppointmentStatus.Confirmed], AppointmentStatus.Arrived, by, null, now);

    public Result<Appointment> Complete(string by, DateTimeOffset now) =>
        Move([AppointmentStatus.Arrived], AppointmentStatus.Completed, by, null, now);

    /// <param name="noticeHours">The clinic's cancellation policy: cancelling with less notice is flagged for a fee.</param>
    public Result<Appointment> Cancel(string by, string? reason, DateTimeOffset now, int noticeHours) =>
        Move([AppointmentStatus.PendingDeposit, AppointmentStatus.PendingApproval, AppointmentStatus.Scheduled, AppointmentStatus.Confirmed],
            AppointmentStatus.Cancelled, by, reason, now,
            a => a.LateCancellation = !a.IsPendingStatus(a.Status) && a.StartTime - now < TimeSpan.FromHours(noticeHours));

    public Result<Appointment> MarkNoShow(string by, DateTimeOffset now) =>
        now < StartTime
            ? new Error.Conflict("A patient cannot be a no-show before the appointment starts.")
            : Move([AppointmentStatus.Scheduled, AppointmentStatus.Confirmed], AppointmentStatus.NoShow, by, null, now, a => a.LateCancellation = true);

    /// <summary>Moves the booking to a new time (the caller has already claimed it); the old claims are released by the caller.</summary>
    /// <summary>
    /// The claim this booking holds on each of its resources. Its id names the span too, so while a reschedule claims
    /// the new time the old claim stays distinct and is released only once the new one is held.
    /// </summary>
    public Claim ClaimFor(DateTimeOffset? expiresAt) => new($"{Id}@{OccupiedStart.UtcTicks}", OccupiedStart, OccupiedEnd, expiresAt);

    public Result<Appointment> Reschedule(BookedTime time, string localDate, string by, DateTimeOffset now)
    {
        if (!(Status is AppointmentStatus.Scheduled or AppointmentStatus.Confirmed or AppointmentStatus.PendingApproval))
        {
            return new Error.Conflict($"A {Wire(Status)} appointment cannot be rescheduled.");
        }

        PractitionerId = time.PractitionerId;
        StartTime = time.Start;
        Duration = time.Duration;
        BufferBefore = time.BufferBefore;
        BufferAfter = time.BufferAfter;
        RoomId = time.RoomId;
        EquipmentIds = time.EquipmentIds;
        LocalDate = localDate;
        History = [.. History, new StatusChange(Status, now, by, "rescheduled")];
        ModifiedAt = now;
        return this;
    }

    public Result<Appointment> ChangeNotes(string? notes, DateTimeOffset now)
    {
        if (notes?.Length > 2000)
        {
            return Error.Invalid.Field("notes", "At most 2000 characters.");
        }

        if (!PlainText.IsText(notes))
        {
            return Error.Invalid.Field("notes", PlainText.TextMessage);
        }

        Notes = notes;
        ModifiedAt = now;
        return this;
    }

    public static string Wire(AppointmentStatus status) => WireNames.Of(status);

    private bool IsPendingStatus(AppointmentStatus status) => status is AppointmentStatus.PendingDeposit or AppointmentStatus.PendingApproval;

    private Result<Appointment> Move(AppointmentStatus[] from, AppointmentStatus to, string by, string? reason, DateTimeOffset now, Action<Appointment>? also = null)
    {
        if (!from.Contains(Status))
        {
            return new Error.Conflict($"A {Wire(Status)} appointment cannot become {Wire(to)}.");
        }

        also?.Invoke(this);
        Status = to;
        History = [.. History, new StatusChange(to, now, by, reason)];
        ModifiedAt = now;
        return this;
    }
}

/// <summary>The time and resources a booking holds, as the availability engine found them.</summary>
public sealed record BookedTime(DateTimeOffset Start, int Duration, int BufferBefore, int BufferAfter, string PractitionerId, string? RoomId, IReadOnlyList<string> EquipmentIds);

/// <summary>Writes and reads an appointment status by its wire name only (never a number).</summary>
public sealed class AppointmentStatusJson() : JsonStringEnumConverter<AppointmentStatus>(namingPolicy: null, allowIntegerValues: false);
