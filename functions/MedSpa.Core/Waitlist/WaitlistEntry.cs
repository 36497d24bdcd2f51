using System.Text.Json.Serialization;

namespace MedSpa.Core.Waitlist;

/// <summary>Where a waitlist entry stands. Stored and sent as camelCase strings (active, offered, booked, removed).</summary>
public enum WaitlistStatus
{
    /// <summary>Waiting for a matching time to open up.</summary>
    Active,

    /// <summary>A freed time is on offer to this patient right now (one offer at a time).</summary>
    Offered,

    /// <summary>An offer was accepted and booked: the entry has done its job.</summary>
    Booked,

    /// <summary>The patient left the waitlist (or staff took them off).</summary>
    Removed,
}

/// <summary>The parts of a day a patient can come, by the location's wall clock.</summary>
public enum DayPart
{
    /// <summary>Starts before 12:00.</summary>
    Morning,

    /// <summary>Starts from 12:00 until before 17:00.</summary>
    Afternoon,

    /// <summary>Starts at 17:00 or later.</summary>
    Evening,
}

/// <summary>
/// A patient waiting for a time: one service at one location, a practitioner or anyone, a range of local dates and the
/// parts of the day that suit them. State changes only through methods named for what happens.
/// </summary>
public sealed class WaitlistEntry
{
    [JsonConstructor]
    public WaitlistEntry(
        string id,
        string tenantId,
        string patientId,
        string patientName,
        string serviceId,
        string serviceName,
        string locationId,
        string? practitionerId,
        DateOnly fromDate,
        DateOnly toDate,
        IReadOnlyList<DayPart> timesOfDay,
        WaitlistStatus status,
        string? currentOfferId,
        string? appointmentId,
        string createdBy,
        DateTimeOffset createdAt,
        DateTimeOffset modifiedAt)
    {
        Id = id;
        TenantId = tenantId;
        PatientId = patientId;
        PatientName = patientName;
        ServiceId = serviceId;
        ServiceName = serviceName;
        LocationId = locationId;
        PractitionerId = practitionerId;
        FromDate = fromDate;
        ToDate = toDate;
        TimesOfDay = timesOfDay;
        Status = status;
        CurrentOfferId = currentOfferId;
        AppointmentId = appointmentId;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        ModifiedAt = modifiedAt;
    }

    public string Id { get; private set; }

    public string TenantId { get; private set; }

    public string PatientId { get; private set; }

    /// <summary>Kept with the entry so staff lists need no lookups; the name as it was when the patient joined.</summary>
    public string PatientName { get; private set; }

    public string ServiceId { get; private set; }

    public string ServiceName { get; private set; }

    public string LocationId { get; private set; }

    /// <summary>A named practitioner, or null for anyone who offers the service.</summary>
    public string? PractitionerId { get; private set; }

    /// <summary>First local date (at the location) that suits the patient.</summary>
    public DateOnly FromDate { get; private set; }

    /// <summary>Last local date that suits the patient (inclusive).</summary>
    public DateOnly ToDate { get; private set; }

    public IReadOnlyList<DayPart> TimesOfDay { get; private set; }

    public WaitlistStatus Status { get; private set; }

    /// <summary>The open offer while <see cref="Status"/> is offered (which one, so a retried activity recognises its own).</summary>
    public string? CurrentOfferId { get; private set; }

    /// <summary>The booking an accepted offer made.</summary>
    public string? AppointmentId { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ModifiedAt { get; private set; }

    public string Kind => "waitlist-entry";

    /// <summary>Counts toward the patient's limit and can still be offered a time (now or after the current offer).</summary>
    [JsonIgnore]
    public bool IsWaiting => Status is WaitlistStatus.Active or WaitlistStatus.Offered;

    public static WaitlistEntry Join(string id, string tenantId, string patientId, string patientName, string serviceId, string serviceName, string locationId,
        string? practitionerId, DateOnly fromDate, DateOnly toDate, IReadOnlyList<DayPart> timesOfDay, string by, DateTimeOffset now) =>
        new(id, tenantId, patientId, patientName, serviceId, serviceName, locationId, practitionerId, fromDate, toDate, timesOfDay,
            WaitlistStatus.Active, null, null, by, now, now);

    /// <summary>A freed time is offered to this patient.</summary>
    public Result<WaitlistEntry> Offer(string offerId, DateTimeOffset now)
    {
        if (Status != WaitlistStatus.Active)
        {
            return new Error.Conflict($"A {Wire(Status)} waitlist entry cannot be offered a time.");
        }

        Status = WaitlistStatus.Offered;
        CurrentOfferId = offerId;
        ModifiedAt = now;
        return this;
    }

    /// <summary>The offer ended without a booking (window closed, someone else was first): keep waiting.</summary>
    /// <returns>false when nothing changed (another offer, or the entry is no longer waiting on this one).</returns>
    public bool OfferEnded(string offerId, DateTimeOffset now)
    {
        if (Status != WaitlistStatus.Offered || CurrentOfferId != offerId)
        {
            return false;
        }

        Status = WaitlistStatus.Active;
        CurrentOfferId = null;
        ModifiedAt = now;
        return true;
    }

    /// <summary>The patient accepted and was booked. An entry the patient already left stays removed.</summary>
    /// <returns>false when nothing changed.</returns>
    public bool Booked(string appointmentId, DateTimeOffset now)
    {
        if (!IsWaiting)
        {
            return false;
        }

        Status = WaitlistStatus.Booked;
        CurrentOfferId = null;
        AppointmentId = appointmentId;
        ModifiedAt = now;
        return true;
    }

    /// <summary>The patient leaves the waitlist (staff may take them off). Leaving twice is harmless.</summary>
    public Result<WaitlistEntry> Remove(DateTimeOffset now)
    {
        if (Status == WaitlistStatus.Removed)
        {
            return this;
        }

        if (Status == WaitlistStatus.Booked)
        {
            return new Error.Conflict("This waitlist entry was booked; cancel the appointment instead.");
        }

        Status = WaitlistStatus.Removed;
        CurrentOfferId = null;
        ModifiedAt = now;
        return this;
    }

    public static string Wire(WaitlistStatus status) => WireNames.Of(status);
}
