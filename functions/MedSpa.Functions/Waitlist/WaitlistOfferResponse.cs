using System.Text.Json.Serialization;
using MedSpa.Core.Scheduling;
using MedSpa.Core.Waitlist;

namespace MedSpa.Functions.Waitlist;

/// <summary>
/// An offer of a freed time as the API shows it: its times as ISO 8601 with the location's offset (UTC when the location
/// is gone) and the location's name (sent as null when there is none). No version: an offer is changed only by its
/// orchestration. The tenant and the stored kind never go out.
/// </summary>
public sealed record WaitlistOfferResponse(
    string Id, string EntryId, string PatientId, string FreedAppointmentId, string ServiceId, string ServiceName, string LocationId, string? PractitionerId,
    string StartTime, int Round, string ExpiresAt, WaitlistOfferStatus Status, string? AppointmentId, string? Reason, DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? LocationName)
{
    public static WaitlistOfferResponse From(WaitlistSlotOffer o, ClinicSetup setup)
    {
        var location = setup.Location(o.LocationId);
        var zone = location?.TimeZone ?? "UTC";
        return new(
            o.Id, o.EntryId, o.PatientId, o.FreedAppointmentId, o.ServiceId, o.ServiceName, o.LocationId, o.PractitionerId,
            ClinicTime.ToIsoString(o.StartTime, zone), o.Round, ClinicTime.ToIsoString(o.ExpiresAt, zone), o.Status, o.AppointmentId, o.Reason,
            o.CreatedAt, o.ModifiedAt, location?.Name);
    }
}
