namespace MedSpa.Core.Patients;

/// <summary>
/// Saves a patient's edited profile, If-Match against the version the editor read. Each caller changes only the parts
/// of the record that are theirs (<see cref="PatientAccess.MayChange"/>); a change to any other part is refused with
/// the fields named, and nothing is written. Phone numbers are stored in E.164; a date of birth cannot be in the future.
/// </summary>
public sealed class UpdatePatientProfile(PatientStore patients, PatientAccess access, TimeProvider clock)
{
    private static readonly PatientProfileValidator Validator = new();

    public async Task<Result<Document<Patient>>> UpdateAsync(Caller caller, string id, PatientProfile profile, string? ifMatch, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return new Error.VersionRequired("This page's copy of the patient is out of date, so saving could overwrite a newer change. Reload it and try again.");
        }

        if (await patients.DocumentAsync(caller.TenantId, id, ct) is not { } current)
        {
            return PatientAccess.NotFound(id);
        }

        if (await access.CheckReadAsync(caller, current.Body, ct) is { } refused)
        {
            return refused;
        }

        var normalized = await patients.NormalizeAsync(caller.TenantId, profile, Validator, ct);
        if (!normalized.IsSuccess)
        {
            return normalized.Error;
        }

        // What the caller is not shown, they did not send: it stays as stored.
        var before = PatientProfile.Of(current.Body);
        var seen = await access.SeesAsync(caller, ct);
        var after = normalized.Value;
        after = seen.Contains(PatientAccess.Part.Clinical) ? after : after with { MedicalAlerts = before.MedicalAlerts, Allergies = before.Allergies, Medications = before.Medications };
        after = seen.Contains(PatientAccess.Part.Administrative) ? after : after with { Status = before.Status, ProfileType = before.ProfileType, Tags = before.Tags };
        var outside = ChangedFields(before, after).Where(f => !PatientAccess.MayChange(caller).Contains(f.Part)).Select(f => f.Name).ToList();
        if (outside.Count > 0)
        {
            return new Error.Forbidden($"You may not change {string.Join(", ", outside)} on a patient's record.");
        }

        var updated = current.Body with
        {
            FirstName = after.FirstName ?? "", LastName = after.LastName ?? "", PreferredName = after.PreferredName, Pronouns = after.Pronouns,
            DateOfBirth = after.DateOfBirth, Email = after.Email, Phone = after.Phone, AlternatePhone = after.AlternatePhone, Address = after.Address,
            Status = after.Status, ProfileType = after.ProfileType, MedicalAlerts = after.MedicalAlerts ?? [], Allergies = after.Allergies ?? [],
            Medications = after.Medications ?? [], Tags = after.Tags ?? [], CommunicationPreferences = after.CommunicationPreferences ?? new(),
            PrivacyPreferences = after.PrivacyPreferences ?? new(), UpdatedAt = clock.GetUtcNow(),
        };
        return await patients.ReplaceAsync(updated, ifMatch, ct);
    }

    /// <summary>The fields whose values differ, with the part of the record each belongs to.</summary>
    private static IEnumerable<(string Name, PatientAccess.Part Part)> ChangedFields(PatientProfile before, PatientProfile after)
    {
        static bool Same(IReadOnlyList<string>? a, IReadOnlyList<string>? b) => (a ?? []).SequenceEqual(b ?? []);
        var demographics = before with { Status = after.Status, ProfileType = after.ProfileType, MedicalAlerts = null, Allergies = null, Medications = null, Tags = null };
        if (demographics with { CommunicationPreferences = before.CommunicationPreferences ?? new(), PrivacyPreferences = before.PrivacyPreferences ?? new() }
            != after with
            {
                MedicalAlerts = null, Allergies = null, Medications = null, Tags = null,
                CommunicationPreferences = after.CommunicationPreferences ?? new(), PrivacyPreferences = after.PrivacyPreferences ?? new(),
            })
        {
            yield return ("contact details", PatientAccess.Part.Demographics);
        }

        if (!Same(before.MedicalAlerts, after.MedicalAlerts) || !Same(before.Allergies, after.Allergies) || !Same(before.Medications, after.Medications))
        {
            yield return ("medical alerts, allergies or medications", PatientAccess.Part.Clinical);
        }

        if (before.Status != after.Status || before.ProfileType != after.ProfileType || !Same(before.Tags, after.Tags))
        {
            yield return ("status, profile type or tags", PatientAccess.Part.Administrative);
        }
    }
}
