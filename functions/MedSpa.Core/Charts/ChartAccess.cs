using MedSpa.Core.Patients;

namespace MedSpa.Core.Charts;

/// <summary>
/// Who reads and writes charts. Charts are clinical records for clinicians: admins, and practitioners who treat the
/// patient, read them; only the practitioner who charted a visit writes and signs it. The desk never reads a chart
/// (whatever the clinic opens of the record, a chart stays clinicians'); a patient reads the charts shared with them,
/// as <see cref="PatientChartView"/>. A chart the caller may not know of is not found.
/// </summary>
public sealed class ChartAccess(ChartStore charts, PatientAccess patients)
{
    public async Task<Result<Document<Chart>>> OpenAsync(Caller caller, string id, CancellationToken ct = default)
    {
        if (caller.Role == Role.FrontDesk)
        {
            return Refused;
        }

        if (await charts.GetAsync(caller.TenantId, id, ct) is not { } found)
        {
            return NotFound(id);
        }

        return caller.Role switch
        {
            Role.Admin => found,
            Role.Practitioner when await MayOpenRecordAsync(caller, found.Body.PatientId, ct) => found,
            Role.Patient when found.Body.SharedAt is not null && await MayOpenRecordAsync(caller, found.Body.PatientId, ct) => found,
            _ => NotFound(id),
        };
    }

    /// <summary>The chart, when the caller is the practitioner who charted it (or, where <paramref name="adminToo"/>, an admin).</summary>
    public async Task<Result<Document<Chart>>> OpenToWriteAsync(Caller caller, string id, bool adminToo, CancellationToken ct = default)
    {
        var opened = await OpenAsync(caller, id, ct);
        if (!opened.IsSuccess || caller.Role == Role.Patient)
        {
            return opened.IsSuccess ? NotFound(id) : opened.Error;
        }

        return opened.Value.Body.PractitionerId == caller.StaffId || (adminToo && caller.Role == Role.Admin)
            ? opened
            : new Error.Forbidden("Only the practitioner who charted this visit changes or signs it.");
    }

    /// <summary>Null when the caller may read the patient's charts (clinicians who treat them; the patient, their shared ones).</summary>
    public async Task<Error?> CheckPatientAsync(Caller caller, string patientId, CancellationToken ct = default) =>
        caller.Role == Role.FrontDesk ? Refused : (await patients.OpenAsync(caller, patientId, ct)).Error;

    public static Error.Forbidden Refused { get; } = new("Charts are for clinicians: the front desk does not read them.");

    public static Error.NotFound NotFound(string id) => new($"No chart with id '{id}' in this clinic.");

    /// <summary>The patient's record is the caller's to open: a practitioner who treats them, or the patient (or a parent).</summary>
    private async Task<bool> MayOpenRecordAsync(Caller caller, string patientId, CancellationToken ct) => (await patients.OpenAsync(caller, patientId, ct)).IsSuccess;
}
