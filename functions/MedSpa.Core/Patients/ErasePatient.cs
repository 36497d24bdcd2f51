namespace MedSpa.Core.Patients;

/// <summary>What an erasure removed, and what it kept with the reason a patient is owed.</summary>
public sealed record ErasureReport(IReadOnlyList<string> Erased, IReadOnlyList<KeptRecord> Kept);

public sealed record KeptRecord(string What, string Why);

/// <summary>
/// A patient's right to erasure, as far as the law lets a clinic go. Their contact details, the way the clinic filed
/// them, the messages sent to them and their sign-in go; the record stays, archived, under "Erased patient" so that
/// what must be kept still has a patient to belong to: clinical facts (date of birth, alerts, allergies, medications),
/// appointments, and the audit log. Admins only, If-Match; it cannot be undone.
/// </summary>
public sealed class ErasePatient(PatientStore patients, IDocumentStore store, UserStore directory, Files.IFileStore files, TimeProvider clock)
{
    public static readonly IReadOnlyList<KeptRecord> Kept =
    [
        new("Date of birth, medical alerts, allergies and medications", "Clinical records must be kept for the legal retention period (often 7–10 years, longer for minors)."),
        new("Appointments", "They are part of the clinical and financial record (treatments given, fees charged)."),
        new("Charts and clinical photos", "They are the clinical record of treatments given; the photos leave any marketing use at once."),
        new("The access log of the record", "Who used a patient's data must stay accountable; the log holds no contact details."),
    ];

    public async Task<Result<ErasureReport>> EraseAsync(Caller caller, string id, string? ifMatch, CancellationToken ct = default)
    {
        if (caller.Role != Role.Admin)
        {
            return new Error.Forbidden("Only an admin erases a patient's personal data.");
        }

        if (await patients.DocumentAsync(caller.TenantId, id, ct) is not { } current)
        {
            return PatientAccess.NotFound(id);
        }

        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return new Error.VersionRequired("Erasing needs the version of the record you reviewed. Reload it and try again.");
        }

        var before = current.Body;
        var erased = before with
        {
            FirstName = "Erased", LastName = "patient", PreferredName = null, Pronouns = null, Email = null, Phone = null, AlternatePhone = null,
            Address = null, Tags = [], Family = [], CommunicationPreferences = new(false, false, false), PrivacyPreferences = new(VoicemailOk: false), PhotoId = null,
            Status = PatientStatus.Inactive, Archived = true,
            UpdatedAt = clock.GetUtcNow(),
        };
        var saved = await patients.ReplaceAsync(erased, ifMatch, ct);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        // After the record (the version check guards the whole erasure); each step below is safe to run again.
        if (before.Email is { } email && await directory.FindAsync(email, ct) is { PatientId: var linked } && linked == id)
        {
            await directory.UnlinkAsync(email, caller.TenantId, ct);
        }

        var messages = await store.QueryAllAsync<System.Text.Json.Nodes.JsonObject>(Partitions.Notifications, caller.TenantId,
            new DocumentQuery().Where(nameof(Notifications.PatientNotice.PatientId), FilterOperator.Equal, id), ct);
        foreach (var message in messages)
        {
            await store.DeleteAsync(Partitions.Notifications, caller.TenantId, message.Id, null, ct);
        }

        if (before.PhotoId is { } photo)
        {
            await files.DeleteAsync(caller.TenantId, PatientPhoto.PathOf(id, photo), ct);
        }

        return new ErasureReport(
            ["Name, preferred name and pronouns", "Email, phone numbers and address", "The profile photo", "Tags and family links", "Messages sent and contacts logged", "The patient's sign-in"],
            Kept);
    }
}
