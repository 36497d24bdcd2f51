using MedSpa.Core.Patients;

namespace MedSpa.Functions.Patients;

/// <summary>
/// A patient's record as the API shows it to one caller: the parts they are not shown (clinical fields to the desk,
/// how the clinic files a patient to the patient) are left out, not sent empty.
/// </summary>
public sealed record PatientResponse(
    string Id, string FirstName, string LastName, string DisplayName, string? PreferredName, string? Pronouns, string? DateOfBirth, string? Email,
    string? Phone, string? AlternatePhone, Address? Address, CommunicationPreferences CommunicationPreferences, bool Archived, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, [property: System.Text.Json.Serialization.JsonPropertyName("etag")] string ETag)
{
    public IReadOnlyList<string>? MedicalAlerts { get; init; }

    public IReadOnlyList<string>? Allergies { get; init; }

    public IReadOnlyList<string>? Medications { get; init; }

    public PatientStatus? Status { get; init; }

    public ProfileType? ProfileType { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public PrivacyPreferences PrivacyPreferences { get; init; } = new();

    public string? LastVisitOn { get; init; }

    /// <summary>True when the patient replied STOP to our texts (left out otherwise): no text reaches them until START.</summary>
    public bool? SmsOptedOut { get; init; }

    /// <summary>The current photo (GET /api/patients/{id}/photo serves it; the id changes with every new photo).</summary>
    public string? PhotoId { get; init; }

    /// <summary>The record this one was merged into (its reads lead there).</summary>
    public string? MergedInto { get; init; }

    /// <summary>Duplicates merged into this record, with the merge to undo (staff only).</summary>
    public IReadOnlyList<MergeNote>? MergedFrom { get; init; }

    /// <summary>The record as shown to a caller who sees these parts (<see cref="PatientAccess.SeesAsync"/>).</summary>
    public static PatientResponse From(Document<Patient> document, IReadOnlySet<PatientAccess.Part> seen)
    {
        var p = document.Body;
        var clinical = seen.Contains(PatientAccess.Part.Clinical);
        var filed = seen.Contains(PatientAccess.Part.Administrative);
        return new PatientResponse(p.Id, p.FirstName, p.LastName, p.DisplayName, p.PreferredName, p.Pronouns, p.DateOfBirth, p.Email, p.Phone, p.AlternatePhone,
            p.Address, p.CommunicationPreferences, p.Archived, p.CreatedAt, p.UpdatedAt, document.ETag)
        {
            SmsOptedOut = p.SmsOptedOut ? true : null,
            MedicalAlerts = clinical ? p.MedicalAlerts : null,
            Allergies = clinical ? p.Allergies : null,
            Medications = clinical ? p.Medications : null,
            Status = filed ? p.Status : null,
            ProfileType = filed ? p.ProfileType : null,
            Tags = filed ? p.Tags : null,
            PrivacyPreferences = p.PrivacyPreferences,
            LastVisitOn = p.LastVisitOn,
            PhotoId = p.PhotoId,
            MergedInto = p.MergedInto,
            MergedFrom = filed ? p.MergedFrom : null,
        };
    }
}

/// <summary>A row of the patient list: enough to tell two people of the same name apart and to reach them.</summary>
public sealed record PatientListItem(
    string Id, string FirstName, string LastName, string? PreferredName, string? DateOfBirth, string? Email, string? Phone, PatientStatus Status, bool Archived, string? LastVisitOn)
{
    public static PatientListItem From(Document<Patient> d) =>
        new(d.Id, d.Body.FirstName, d.Body.LastName, d.Body.PreferredName, d.Body.DateOfBirth, d.Body.Email, d.Body.Phone, d.Body.Status, d.Body.Archived, d.Body.LastVisitOn);
}

/// <summary>A line of the communication log as the card shows it (no clinic or patient ids: it is the patient's own log).</summary>
public sealed record CommunicationResponse(string Id, DateTimeOffset At, CommunicationChannel Channel, CommunicationDirection Direction, string Subject, string? Body, string By, string? ByRole,
    MedSpa.Core.Messaging.DeliveryStatus? Delivery, string? DeliveryDetail)
{
    public static CommunicationResponse From(CommunicationEntry e) => new(e.Id, e.At, e.Channel, e.Direction, e.Subject, e.Body, e.By, e.ByRole, e.Delivery, e.DeliveryDetail);
}
