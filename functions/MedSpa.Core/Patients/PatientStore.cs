using FluentValidation;

namespace MedSpa.Core.Patients;

/// <summary>What staff type while on the phone, or a patient while booking: names plus a way to reach them.</summary>
public sealed record NewPatient(string? FirstName, string? LastName, string? Email, string? Phone, string? DateOfBirth = null);

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
        RuleFor(p => p.DateOfBirth).Must(d => d is null || PatientProfileValidator.IsBirthDate(d)).WithMessage("Use a date like 1985-04-23, from 1900-01-01.");
    }
}

/// <summary>
/// The clinic's patient records. Creating one recognises a returning patient (the same email, the same phone number,
/// or the same name and date of birth) and offers that record instead of making a second.
/// </summary>
public sealed class PatientStore(IDocumentStore store, TimeProvider clock, Setup.ClinicSetupStore setup)
{
    private static readonly NewPatientValidator Validator = new();

    public async Task<Patient?> FindByEmailAsync(string tenantId, string email, CancellationToken ct = default)
    {
        var page = await store.QueryAsync<Patient>(Partitions.Patients, Partitions.Tenant(tenantId),
            new DocumentQuery { PageSize = 1 }.Where(nameof(Patient.Email), FilterOperator.Equal, email.Trim().ToLowerInvariant()), ct);
        return page.Items is [var first, ..] ? first.Body : null;
    }

    /// <summary>The patients with this mobile number (E.164), as a text from it names them.</summary>
    public async Task<IReadOnlyList<Patient>> FindByPhoneAsync(string tenantId, string phone, CancellationToken ct = default) =>
        [.. (await store.QueryAsync<Patient>(Partitions.Patients, Partitions.Tenant(tenantId),
            new DocumentQuery { PageSize = 10 }.Where(nameof(Patient.Phone), FilterOperator.Equal, phone), ct)).Items.Select(d => d.Body).Where(p => !p.Archived)];

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
        var phone = string.IsNullOrWhiteSpace(input.Phone) ? null : PatientPhone.ToE164(input.Phone, await RegionAsync(tenantId, ct));
        if (!string.IsNullOrWhiteSpace(input.Phone) && phone is null)
        {
            return Error.Invalid.Field("phone", PatientPhone.Message);
        }

        if (await FindSameAsync(tenantId, email, phone, input, ct) is { } existing)
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
            Phone = phone,
            DateOfBirth = input.DateOfBirth,
            CreatedAt = now,
            UpdatedAt = now,
        }, true);
    }

    public Task AddAsync(Patient patient, CancellationToken ct = default) =>
        store.CreateAsync(Partitions.Patients, Partitions.Tenant(patient.TenantId), patient.Id, patient, ct);

    /// <summary>
    /// The record a new one would duplicate: the same email, else the same phone number, else the same name and date
    /// of birth. Archived records count: a returning patient is brought back, not made twice.
    /// </summary>
    private async Task<Patient?> FindSameAsync(string tenantId, string? email, string? phone, NewPatient input, CancellationToken ct)
    {
        var pk = Partitions.Tenant(tenantId);
        // A record merged into another stands for its survivor.
        async Task<Patient?> FirstAsync(DocumentQuery query) =>
            (await store.QueryAsync<Patient>(Partitions.Patients, pk, query with { PageSize = 1 }, ct)).Items is [var first, ..]
                ? first.Body.MergedInto is { } survivor ? await GetAsync(tenantId, survivor, ct) : first.Body
                : null;
        if (email is not null && await FirstAsync(new DocumentQuery().Where(nameof(Patient.Email), FilterOperator.Equal, email)) is { } byEmail)
        {
            return byEmail;
        }

        if (phone is not null && await FirstAsync(new DocumentQuery().Where(nameof(Patient.Phone), FilterOperator.Equal, phone)) is { } byPhone)
        {
            return byPhone;
        }

        if (input.DateOfBirth is null)
        {
            return null;
        }

        var born = await store.QueryAsync<Patient>(Partitions.Patients, pk, new DocumentQuery { PageSize = 100 }.Where(nameof(Patient.DateOfBirth), FilterOperator.Equal, input.DateOfBirth), ct);
        return born.Items.Select(d => d.Body).FirstOrDefault(p =>
            string.Equals(p.FirstName, input.FirstName?.Trim(), StringComparison.OrdinalIgnoreCase) && string.Equals(p.LastName, input.LastName?.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The country a phone number without a country code is read in: the clinic's first location's.</summary>
    public async Task<string> RegionAsync(string tenantId, CancellationToken ct = default) =>
        (await setup.LoadAsync(tenantId, ct)).Locations.Where(l => !l.Deleted).Select(l => l.Address?.Country).FirstOrDefault(c => c is { Length: 2 }) ?? "US";

    public Task<Document<Patient>?> DocumentAsync(string tenantId, string id, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(id) || id.Length > 100 ? Task.FromResult<Document<Patient>?>(null) : store.ReadAsync<Patient>(Partitions.Patients, Partitions.Tenant(tenantId), id, ct);

    /// <summary>Replaces a record if nobody saved it since <paramref name="ifMatch"/>.</summary>
    public async Task<Result<Document<Patient>>> ReplaceAsync(Patient patient, string ifMatch, CancellationToken ct = default)
    {
        try
        {
            return await store.ReplaceAsync(Partitions.Patients, Partitions.Tenant(patient.TenantId), patient.Id, patient, ifMatch, ct);
        }
        catch (DocumentStaleException)
        {
            return new Error.Stale("Someone else changed this patient meanwhile. Reload the record and apply your change again.");
        }
        catch (DocumentNotFoundException)
        {
            return PatientAccess.NotFound(patient.Id);
        }
    }

    /// <summary>
    /// A profile as it is stored: valid, trimmed, the email lower-cased, phone numbers in E.164 (read in the clinic's
    /// country when written without a code), no date of birth in the future.
    /// </summary>
    public async Task<Result<PatientProfile>> NormalizeAsync(string tenantId, PatientProfile profile, PatientProfileValidator validator, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(profile, ct);
        if (!validation.IsValid)
        {
            return FieldErrors.From(validation);
        }

        if (profile.DateOfBirth is { } born && DateOnly.ParseExact(born, "yyyy-MM-dd", CultureInfo.InvariantCulture) > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            return Error.Invalid.Field("dateOfBirth", "A date of birth cannot be in the future.");
        }

        var region = await RegionAsync(tenantId, ct);
        var phone = PatientPhone.ToE164(profile.Phone, region);
        var alternate = PatientPhone.ToE164(profile.AlternatePhone, region);
        var wrong = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(profile.Phone) && phone is null)
        {
            wrong["phone"] = [PatientPhone.Message];
        }

        if (!string.IsNullOrWhiteSpace(profile.AlternatePhone) && alternate is null)
        {
            wrong["alternatePhone"] = [PatientPhone.Message];
        }

        if (wrong.Count > 0)
        {
            return new Error.Invalid(wrong);
        }

        static IReadOnlyList<string> Clean(IReadOnlyList<string>? list) => [.. (list ?? []).Select(e => e.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
        return profile with
        {
            FirstName = profile.FirstName?.Trim(), LastName = profile.LastName?.Trim(), PreferredName = NullIfBlank(profile.PreferredName),
            Pronouns = NullIfBlank(profile.Pronouns), Email = NullIfBlank(profile.Email)?.ToLowerInvariant(), Phone = phone, AlternatePhone = alternate,
            MedicalAlerts = Clean(profile.MedicalAlerts), Allergies = Clean(profile.Allergies), Medications = Clean(profile.Medications), Tags = Clean(profile.Tags),
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A patient's own sign-in to their record (self-registration while booking, or online access the desk gives).</summary>
    public static DirectoryEntry SignInFor(Patient patient, string email) =>
        new(email, patient.TenantId, Role.Patient, $"{patient.FirstName} {patient.LastName}", PatientId: patient.Id);
}
