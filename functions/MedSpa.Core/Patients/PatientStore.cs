using FluentValidation;

namespace MedSpa.Core.Patients;

/// <summary>What staff type while on the phone, or a patient while booking: names plus a way to reach them.</summary>
public sealed record NewPatient(string? FirstName, string? LastName, string? Email, string? Phone);

public sealed class NewPatientValidator : AbstractValidator<NewPatient>
{
    public NewPatientValidator()
    {
        RuleFor(p => p.FirstName).NotEmpty().WithMessage("Required.").MaximumLength(100).WithMessage("At most 100 characters.").Name();
        RuleFor(p => p.LastName).NotEmpty().WithMessage("Required.").MaximumLength(100).WithMessage("At most 100 characters.").Name();
        RuleFor(p => p.Email).MaximumLength(254).WithMessage("At most 254 characters.").EmailAddress().WithMessage("Enter a valid email address.")
            .When(p => !string.IsNullOrEmpty(p.Email));
        RuleFor(p => p.Phone).MaximumLength(40).WithMessage("At most 40 characters.")
            .Matches(@"^[0-9+()\-. ]{6,}$").WithMessage("Enter a phone number.").When(p => !string.IsNullOrEmpty(p.Phone));
    }
}

/// <summary>
/// Creates patients and recognises returning ones by email, so booking never makes a duplicate for the same person.
/// The full patient record (alerts, consents, relationships) arrives with its own work; this is its seed.
/// </summary>
public sealed class PatientStore(IDocumentStore store, TimeProvider clock)
{
    private static readonly NewPatientValidator Validator = new();

    public async Task<Patient?> FindByEmailAsync(string tenantId, string email, CancellationToken ct = default)
    {
        var page = await store.QueryAsync<Patient>(Partitions.Patients, Partitions.Tenant(tenantId),
            new DocumentQuery { PageSize = 1 }.Where(nameof(Patient.Email), FilterOperator.Equal, email.Trim().ToLowerInvariant()), ct);
        return page.Items is [var first, ..] ? first.Body : null;
    }

    /// <summary>How many patients the clinic has.</summary>
    public async Task<int> CountAsync(string tenantId, CancellationToken ct = default) =>
        (await store.QueryAllAsync<Patient>(Partitions.Patients, Partitions.Tenant(tenantId), new DocumentQuery { PageSize = DocumentQuery.MaxPageSize }, ct)).Count;

    public async Task<Patient?> GetAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        patientId.Length <= 100 ? (await store.ReadAsync<Patient>(Partitions.Patients, Partitions.Tenant(tenantId), patientId, ct))?.Body : null;

    /// <returns>The new patient, or the existing one with that email (created = false).</returns>
    public async Task<Result<(Patient Patient, bool Created)>> FindOrCreateAsync(string tenantId, NewPatient input, CancellationToken ct = default)
    {
        var found = await FindOrDraftAsync(tenantId, input, ct);
        if (found is { IsSuccess: true, Value.IsNew: true })
        {
            await AddAsync(found.Value.Patient, ct);
        }

        return found.IsSuccess ? (found.Value.Patient, found.Value.IsNew) : found.Error;
    }

    /// <summary>
    /// The existing patient with that email, or a new record drafted but not stored (IsNew): checking a booking must
    /// never create anybody; the booking, when it commits, stores the draft with <see cref="AddAsync"/>.
    /// </summary>
    public async Task<Result<(Patient Patient, bool IsNew)>> FindOrDraftAsync(string tenantId, NewPatient input, CancellationToken ct = default)
    {
        var validation = Validator.Validate(input);
        if (!validation.IsValid)
        {
            return FieldErrors.From(validation);
        }

        if (string.IsNullOrWhiteSpace(input.Email) && string.IsNullOrWhiteSpace(input.Phone))
        {
            return new Error.Invalid(new Dictionary<string, string[]> { ["email"] = ["Give an email or a phone number."], ["phone"] = ["Give an email or a phone number."] });
        }

        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim().ToLowerInvariant();
        if (email is not null && await FindByEmailAsync(tenantId, email, ct) is { } existing)
        {
            return (existing, false);
        }

        var now = clock.GetUtcNow();
        return (new Patient
        {
            Id = $"patient-{Guid.NewGuid():N}",
            TenantId = tenantId,
            FirstName = input.FirstName?.Trim() ?? "",
            LastName = input.LastName?.Trim() ?? "",
            Email = email,
            Phone = input.Phone?.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        }, true);
    }

    public Task AddAsync(Patient patient, CancellationToken ct = default) =>
        store.CreateAsync(Partitions.Patients, Partitions.Tenant(patient.TenantId), patient.Id, patient, ct);

    /// <summary>
    /// Patients whose name or e-mail contains the text, by surname (at most 25). Until the patient-record work brings an
    /// index, the clinic's patients are filtered from one partition read.
    /// </summary>
    public async Task<Result<IReadOnlyList<Patient>>> SearchAsync(string tenantId, string? text, CancellationToken ct = default)
    {
        var q = text?.Trim() ?? "";
        if (q.Length > 100)
        {
            return Error.Invalid.Field("q", "At most 100 characters.");
        }

        var all = await store.QueryAllAsync<Patient>(Partitions.Patients, Partitions.Tenant(tenantId), new DocumentQuery(), ct);
        return all.Select(d => d.Body)
            .Where(p => q.Length == 0 || $"{p.FirstName} {p.LastName} {p.Email}".Contains(q, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.SortName, StringComparer.Ordinal)
            .Take(25)
            .ToList();
    }

    /// <summary>Links a patient's own sign-in to their record (self-registration while booking).</summary>
    public static DirectoryEntry SignInFor(Patient patient, string email) =>
        new(email, patient.TenantId, Role.Patient, $"{patient.FirstName} {patient.LastName}", PatientId: patient.Id);
}
