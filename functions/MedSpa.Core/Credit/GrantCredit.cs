using MedSpa.Core.Patients;

namespace MedSpa.Core.Credit;

/// <param name="Key">The caller's idempotency key: a retried request grants once.</param>
public sealed record CreditGrant(string PatientId, long Amount, string Reason, string Key);

/// <summary>
/// Gives a patient account credit as goodwill (a treatment that disappointed, a long wait): admins only, with the reason
/// kept. Credit given back as a refund goes through <see cref="Billing.RefundPayment"/> instead, within the desk's limit.
/// </summary>
public sealed class GrantCredit(PatientCreditStore credits, PatientAccess access, ClinicSetupStore setup, TimeProvider clock)
{
    public const long MaxGrant = 1_000_000;

    public async Task<Result<PatientCredit>> GrantAsync(Caller caller, CreditGrant grant, CancellationToken ct = default)
    {
        if (caller.Role != Role.Admin)
        {
            return new Error.Forbidden("Only an admin gives account credit; the desk can refund a payment as credit.");
        }

        var opened = await access.OpenAsync(caller, grant.PatientId, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var errors = new Dictionary<string, string[]>();
        if (grant.Amount is <= 0 or > MaxGrant)
        {
            errors["amount"] = ["From 0.01 to 10,000.00, in minor units (cents)."];
        }

        var reason = grant.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 200 || reason.Any(char.IsControl))
        {
            errors["reason"] = ["Say why, in up to 200 characters on one line."];
        }

        if (errors.Count > 0)
        {
            return new Error.Invalid(errors);
        }

        var currency = (await setup.LoadAsync(caller.TenantId, ct)).Currency;
        var moved = await credits.MoveAsync(caller.TenantId, grant.PatientId, CreditMovementType.Granted, new Money(grant.Amount, currency), $"grant:{grant.Key}", null, reason, caller.Email, clock.GetUtcNow(), ct);
        if (!moved.IsSuccess)
        {
            return moved.Error;
        }

        var movements = await credits.MovementsAsync(caller.TenantId, grant.PatientId, ct);
        return new PatientCredit(grant.PatientId, currency, movements.Sum(m => m.Amount), movements);
    }
}
