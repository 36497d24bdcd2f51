using System.Text.Json.Serialization;
using MedSpa.Core.Waitlist;

namespace MedSpa.Functions.Waitlist;

/// <summary>
/// A waitlist entry as the API shows it: the entry's fields, its version, and the names the clinic's setup gives its
/// location and practitioner (sent as null when there is none). Apart from the domain type, so that renaming a property
/// there is a compile error here, and the tenant and the stored kind never go out.
/// </summary>
public sealed record WaitlistEntryResponse(
    string Id, string PatientId, string PatientName, string ServiceId, string ServiceName, string LocationId, string? PractitionerId,
    DateOnly FromDate, DateOnly ToDate, IReadOnlyList<DayPart> TimesOfDay, WaitlistStatus Status, string? CurrentOfferId, string? AppointmentId,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt, string Etag,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? LocationName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? PractitionerName)
{
    public static WaitlistEntryResponse From(Document<WaitlistEntry> document, ClinicSetup setup)
    {
        var e = document.Body;
        return new(
            e.Id, e.PatientId, e.PatientName, e.ServiceId, e.ServiceName, e.LocationId, e.PractitionerId, e.FromDate, e.ToDate, e.TimesOfDay, e.Status,
            e.CurrentOfferId, e.AppointmentId, e.CreatedBy, e.CreatedAt, e.ModifiedAt, document.ETag,
            setup.Location(e.LocationId)?.Name, e.PractitionerId is { } practitionerId ? setup.Member(practitionerId)?.DisplayName : null);
    }
}
