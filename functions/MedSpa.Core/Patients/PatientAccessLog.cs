using MedSpa.Core.Audit;

namespace MedSpa.Core.Patients;

/// <summary>One line of a patient's access log: when, who (a name and a role, never an internal id), what.</summary>
public sealed record AccessLogEntry(DateTimeOffset At, string Who, string Role, string What, bool Refused);

/// <summary>
/// Who read or changed a patient's record and when: the audit log filtered to the record, in words the patient reads
/// (the HIPAA accounting of disclosures, self-served). The patient may read their own (a parent their child's); admins any patient's.
/// Staff appear by name and role; the patient's own reads say "You".
/// </summary>
public sealed class PatientAccessLog(PatientStore patients, AuditStore audit, Setup.ClinicSetupStore setup)
{
    public const int PageSize = 50;

    public async Task<Result<(IReadOnlyList<AccessLogEntry> Entries, string? ContinuationToken)>> ReadAsync(Caller caller, string id, string? continuationToken, CancellationToken ct = default)
    {
        if (await patients.DocumentAsync(caller.TenantId, id, ct) is not { } patient
            || (caller.Role != Role.Admin && !PatientAccess.IsSelfOrGuardian(caller, patient.Body)))
        {
            return PatientAccess.NotFound(id);
        }

        var page = await audit.ForRecordAsync(caller.TenantId, id, PageSize, continuationToken, ct);
        if (!page.IsSuccess)
        {
            return page.Error;
        }

        var staff = (await setup.LoadAsync(caller.TenantId, ct)).Staff;
        AccessLogEntry Describe(AuditEntry e)
        {
            var self = e.Actor.Role == "patient" && caller.Role == Role.Patient && string.Equals(e.Actor.Email, caller.Email, StringComparison.OrdinalIgnoreCase);
            var member = staff.FirstOrDefault(s => string.Equals(s.Email, e.Actor.Email, StringComparison.OrdinalIgnoreCase));
            var who = self ? "You" : member?.DisplayName ?? (e.Actor.Role == "patient" ? "A patient" : "Clinic staff");
            return new AccessLogEntry(e.At, who, RoleWords(e.Actor.Role), ActionWords(e.Action), e.Outcome == "denied");
        }

        return ([.. page.Value.Items.Select(d => Describe(d.Body))], page.Value.ContinuationToken);
    }

    private static string RoleWords(string role) => role switch
    {
        "admin" => "Administrator",
        "frontdesk" => "Front desk",
        "practitioner" => "Practitioner",
        "patient" => "Patient",
        _ => "Online booking",
    };

    private static string ActionWords(string action) => action.Split(' ') switch
    {
        [_, "GetPatient"] => "Viewed the record",
        [_, "PatientAppointments"] => "Viewed the appointments",
        [_, "PatientAccessLog"] => "Viewed this access log",
        [_, "PatientExport"] => "Exported the record",
        [_, "UpdatePatient"] => "Changed the record",
        [_, "ArchivePatient"] => "Archived the record",
        [_, "RestorePatient"] => "Restored the record",
        _ when action.Contains("Book", StringComparison.Ordinal) => "Created the record while booking",
        _ => "Used the record",
    };
}
