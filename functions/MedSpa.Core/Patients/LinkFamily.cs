namespace MedSpa.Core.Patients;

/// <summary>What the desk records: who the other patient is to this one.</summary>
public sealed record NewFamilyLink(string? RelatedPatientId, Relationship Relationship, bool PrimaryContact = false);

/// <summary>
/// Links two patients of the clinic as family, on both records (a child's record names the parent, the parent's the
/// child). Linking again updates the link. Each record is saved with its own version check and retried when someone saved
/// it meanwhile, so a link is never half-written by a lost update; the desk and admins link.
/// </summary>
public sealed class LinkFamily(PatientStore patients, TimeProvider clock)
{
    private const int Attempts = 5;

    public async Task<Result<Document<Patient>>> LinkAsync(Caller caller, string id, NewFamilyLink input, CancellationToken ct = default)
    {
        if (!caller.Is(Role.Admin | Role.FrontDesk))
        {
            return new Error.Forbidden("The front desk and admins link family members.");
        }

        if (await patients.DocumentAsync(caller.TenantId, id, ct) is null)
        {
            return PatientAccess.NotFound(id);
        }

        if (!Enum.IsDefined(input.Relationship))
        {
            return Error.Invalid.Field("relationship", "One of parent, guardian, child, spouse, sibling or other.");
        }

        if (string.IsNullOrWhiteSpace(input.RelatedPatientId) || input.RelatedPatientId == id)
        {
            return Error.Invalid.Field("relatedPatientId", "Choose another patient of the clinic.");
        }

        if (input.PrimaryContact && input.Relationship is not (Relationship.Parent or Relationship.Guardian))
        {
            return Error.Invalid.Field("primaryContact", "Only a parent or guardian is a minor's primary contact.");
        }

        if (await patients.DocumentAsync(caller.TenantId, input.RelatedPatientId, ct) is null)
        {
            return Error.Invalid.Field("relatedPatientId", "No such patient in this clinic.");
        }

        // The other record first: if this one then fails, linking again completes it (the links are idempotent).
        var other = await SetLinkAsync(caller.TenantId, input.RelatedPatientId, new FamilyLink(id, FamilyLink.Reverse(input.Relationship)), ct);
        return other.IsSuccess ? await SetLinkAsync(caller.TenantId, id, new FamilyLink(input.RelatedPatientId, input.Relationship, input.PrimaryContact), ct) : other.Error;
    }

    private async Task<Result<Document<Patient>>> SetLinkAsync(string tenantId, string patientId, FamilyLink link, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await patients.DocumentAsync(tenantId, patientId, ct) is not { } current)
            {
                return PatientAccess.NotFound(patientId);
            }

            var family = current.Body.Family.Where(l => l.PatientId != link.PatientId).Append(link).ToList();
            var saved = await patients.ReplaceAsync(current.Body with { Family = family, UpdatedAt = clock.GetUtcNow() }, current.ETag, ct);
            if (saved.IsSuccess || saved.Error is not Error.Stale || attempt == Attempts)
            {
                return saved;
            }
        }
    }
}

/// <summary>A family member as the card lists them.</summary>
public sealed record FamilyMember(string PatientId, string Name, Relationship Relationship, bool PrimaryContact);

/// <summary>The family tab: the record's links with each member's name, for whoever may open the record.</summary>
public sealed class ReadFamily(PatientStore patients, PatientAccess access)
{
    public async Task<Result<IReadOnlyList<FamilyMember>>> ReadAsync(Caller caller, string id, CancellationToken ct = default)
    {
        if (await patients.DocumentAsync(caller.TenantId, id, ct) is not { } patient)
        {
            return PatientAccess.NotFound(id);
        }

        if (await access.CheckReadAsync(caller, patient.Body, ct) is { } refused)
        {
            return refused;
        }

        var members = new List<FamilyMember>();
        foreach (var link in patient.Body.Family)
        {
            var name = (await patients.DocumentAsync(caller.TenantId, link.PatientId, ct))?.Body.DisplayName ?? "(no longer on file)";
            members.Add(new FamilyMember(link.PatientId, name, link.Relationship, link.PrimaryContact));
        }

        return members;
    }
}
