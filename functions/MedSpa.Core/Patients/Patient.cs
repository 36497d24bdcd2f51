namespace MedSpa.Core.Patients;

/// <summary>
/// The patient record as far as the platform foundation needs it (a name to link a sign-in to).
/// The full record (contacts, alerts, consents, relationships) arrives with the patient-records work.
/// </summary>
public sealed record Patient
{
    public string Id { get; init; } = "";

    public string TenantId { get; init; } = "";

    public string FirstName { get; init; } = "";

    public string LastName { get; init; } = "";

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? DateOfBirth { get; init; }

    public string Status { get; init; } = "active";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string SortName => $"{LastName} {FirstName}".ToLowerInvariant();
}
