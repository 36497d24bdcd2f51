using MedSpa.Core.Patients;

namespace MedSpa.Core.Credit;

/// <summary>
/// A patient's account credit and its movements: the desk and admins for any patient, a patient their own (a parent a
/// child's, as with their record). Practitioners do not handle money. Someone else's record is "not found".
/// </summary>
public sealed class ReadPatientCredit(PatientCreditStore credits, PatientAccess access, ClinicSetupStore setup)
{
    public async Task<Result<PatientCredit>> ReadAsync(Caller caller, string patientId, CancellationToken ct = default)
    {
        if (caller.Role is not (Role.Admin or Role.FrontDesk or Role.Patient))
        {
            return new Error.Forbidden("Account credit is read by the desk, admins and the patient.");
        }

        var opened = await access.OpenAsync(caller, patientId, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var movements = await credits.MovementsAsync(caller.TenantId, patientId, ct);
        var currency = movements.Count > 0 ? movements[0].Currency : (await setup.LoadAsync(caller.TenantId, ct)).Currency;
        return new PatientCredit(patientId, currency, movements.Sum(m => m.Amount), movements);
    }
}
