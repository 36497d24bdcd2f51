using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace MedSpa.Core.Waitlist;

/// <summary>Where an offer of a freed time stands. Stored and sent as camelCase strings.</summary>
public enum WaitlistOfferStatus
{
    /// <summary>Sent; the patient may accept until it expires.</summary>
    Open,

    /// <summary>The patient accepted; the booking is being made.</summary>
    Accepting,

    /// <summary>Booked for this patient (see the appointment id).</summary>
    Booked,

    /// <summary>The patient accepted but could not be booked (see the reason).</summary>
    Failed,

    /// <summary>The response window closed before the patient accepted.</summary>
    Expired,

    /// <summary>Someone else took the time first, or it is no longer free.</summary>
    Gone,
}

/// <summary>What an acceptance of an offer comes to, for the patient who accepts.</summary>
public enum OfferAnswer
{
    /// <summary>Open and inside its window: the acceptance goes to the orchestration.</summary>
    Open,

    /// <summary>Accepted; the booking is being made (or the acceptance is on its way).</summary>
    Processing,

    Booked,

    /// <summary>Someone else was first, or the time is no longer free.</summary>
    Taken,

    /// <summary>The response window closed.</summary>
    Closed,

    /// <summary>Accepted, but this patient could not be booked (the offer's reason says why).</summary>
    Failed,
}

/// <summary>
/// One freed time offered to one waitlisted patient. Its id derives from the freed appointment and the entry, so an
/// entry is offered a given time at most once and a retried activity finds the offer it already made.
/// </summary>
public sealed class WaitlistSlotOffer
{
    [JsonConstructor]
    public WaitlistSlotOffer(
        string id,
        string tenantId,
        string entryId,
        string patientId,
        string freedAppointmentId,
        string serviceId,
        string serviceName,
        string locationId,
        string? practitionerId,
        DateTimeOffset startTime,
        int round,
        DateTimeOffset expiresAt,
        WaitlistOfferStatus status,
        string? appointmentId,
        string? reason,
        DateTimeOffset createdAt,
        DateTimeOffset modifiedAt)
    {
        Id = id;
        TenantId = tenantId;
        EntryId = entryId;
        PatientId = patientId;
        FreedAppointmentId = freedAppointmentId;
        ServiceId = serviceId;
        ServiceName = serviceName;
        LocationId = locationId;
        PractitionerId = practitionerId;
        StartTime = startTime;
        Round = round;
        ExpiresAt = expiresAt;
        Status = status;
        AppointmentId = appointmentId;
        Reason = reason;
        CreatedAt = createdAt;
        ModifiedAt = modifiedAt;
    }

    public string Id { get; private set; }

    public string TenantId { get; private set; }

    public string EntryId { get; private set; }

    public string PatientId { get; private set; }

    /// <summary>The cancelled appointment whose time is offered (and the orchestration's key).</summary>
    public string FreedAppointmentId { get; private set; }

    public string ServiceId { get; private set; }

    public string ServiceName { get; private set; }

    public string LocationId { get; private set; }

    /// <summary>The practitioner the entry asked for (null: anyone free at that time).</summary>
    public string? PractitionerId { get; private set; }

    public DateTimeOffset StartTime { get; private set; }

    /// <summary>Which round of offers (1 = the first patients asked).</summary>
    public int Round { get; private set; }

    /// <summary>The end of the response window.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public WaitlistOfferStatus Status { get; private set; }

    public string? AppointmentId { get; private set; }

    /// <summary>Why an accepted offer could not be booked.</summary>
    public string? Reason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ModifiedAt { get; private set; }

    public string Kind => "waitlist-offer";

    /// <summary>Final: nothing more will happen to this offer.</summary>
    [JsonIgnore]
    public bool IsSettled => Status is WaitlistOfferStatus.Booked or WaitlistOfferStatus.Failed or WaitlistOfferStatus.Expired or WaitlistOfferStatus.Gone;

    /// <summary>What the booking made for this offer carries in its notes: how a retried booking finds it.</summary>
    [JsonIgnore]
    public string BookingNote => $"Booked from the waitlist (offer {Id}).";

    public static string IdFor(string freedAppointmentId, string entryId) =>
        "offer-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{freedAppointmentId}|{entryId}")))[..24];

    public static WaitlistSlotOffer Make(WaitlistEntry entry, string freedAppointmentId, DateTimeOffset startTime, int round, DateTimeOffset expiresAt, DateTimeOffset now) =>
        new(IdFor(freedAppointmentId, entry.Id), entry.TenantId, entry.Id, entry.PatientId, freedAppointmentId, entry.ServiceId, entry.ServiceName,
            entry.LocationId, entry.PractitionerId, startTime, round, expiresAt, WaitlistOfferStatus.Open, null, null, now, now);

    /// <summary>Whether the patient may still accept at <paramref name="now"/>.</summary>
    public bool IsOpenAt(DateTimeOffset now) => Status == WaitlistOfferStatus.Open && now < ExpiresAt;

    /// <summary>What accepting at <paramref name="now"/> comes to (an open offer past its window is closed).</summary>
    public OfferAnswer AnswerAt(DateTimeOffset now) => Status switch
    {
        WaitlistOfferStatus.Open => now < ExpiresAt ? OfferAnswer.Open : OfferAnswer.Closed,
        WaitlistOfferStatus.Accepting => OfferAnswer.Processing,
        WaitlistOfferStatus.Booked => OfferAnswer.Booked,
        WaitlistOfferStatus.Gone => OfferAnswer.Taken,
        WaitlistOfferStatus.Expired => OfferAnswer.Closed,
        _ => OfferAnswer.Failed,
    };

    /// <summary>The orchestration took this acceptance: the booking is being made.</summary>
    public bool StartAccepting(DateTimeOffset now) => Move([WaitlistOfferStatus.Open], WaitlistOfferStatus.Accepting, now);

    public bool Book(string appointmentId, DateTimeOffset now) =>
        Move([WaitlistOfferStatus.Accepting], WaitlistOfferStatus.Booked, now, o => o.AppointmentId = appointmentId);

    public bool Fail(string reason, DateTimeOffset now) =>
        Move([WaitlistOfferStatus.Accepting], WaitlistOfferStatus.Failed, now, o => o.Reason = reason);

    public bool Expire(DateTimeOffset now) => Move([WaitlistOfferStatus.Open], WaitlistOfferStatus.Expired, now);

    public bool Withdraw(DateTimeOffset now) => Move([WaitlistOfferStatus.Open], WaitlistOfferStatus.Gone, now);

    private bool Move(WaitlistOfferStatus[] from, WaitlistOfferStatus to, DateTimeOffset now, Action<WaitlistSlotOffer>? also = null)
    {
        if (!from.Contains(Status))
        {
            return false;
        }

        also?.Invoke(this);
        Status = to;
        ModifiedAt = now;
        return true;
    }
}
