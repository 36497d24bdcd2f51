using FluentValidation;

namespace MedSpa.Core.Patients;

/// <summary>
/// How far the clinic opens its patients' records to its own staff beyond what their roles need. By default the desk
/// sees no clinical fields; a small clinic where the desk also preps patients may open them (reading only: changing
/// them stays with clinicians).
/// </summary>
public sealed record RecordPrivacy : Settings.IClinicSettings<RecordPrivacy>
{
    /// <summary>The front desk sees medical alerts, allergies, medications and the answers of medical forms.</summary>
    public bool DeskSeesClinicalFields { get; init; }

    public string TenantId { get; init; } = "";

    public string Kind => "record-privacy";

    public static string DocumentId => "record-privacy";

    public static string Called => "the record privacy settings";

    public RecordPrivacy ForClinic(string tenantId) => this with { TenantId = tenantId };
}

/// <summary>Nothing to range-check yet: every setting is a yes or no. It exists so a new setting gets its rule here.</summary>
public sealed class RecordPrivacyValidator : AbstractValidator<RecordPrivacy>;

public sealed class RecordPrivacyStore(IDocumentStore store, IValidator<RecordPrivacy> validator) : Settings.ClinicSettingsStore<RecordPrivacy>(store, validator);
