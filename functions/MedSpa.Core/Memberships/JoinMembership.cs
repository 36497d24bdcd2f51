using MedSpa.Core.Billing;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Memberships;

/// <param name="IdempotencyKey">The same key joins once: a repeated request answers the same membership.</param>
public sealed record JoinRequest(string PatientId, string? PlanId, string IdempotencyKey);

/// <summary>
/// A patient joins a membership plan: the first period is charged at once to their card on file, and only a paid first
/// period makes a member. A declined card (or none) starts nothing: the period's invoice is voided, the membership is
/// not kept, and the refusal says why. The desk and admins join any patient; a patient joins themselves.
/// </summary>
public sealed class JoinMembership(MembershipStore memberships, BillingSettingsStore settings, PatientAccess access, ChargeMembershipPeriod charge, InvoiceStore invoices, TimeProvider clock)
{
    public async Task<Result<Membership>> JoinAsync(Caller caller, JoinRequest request, CancellationToken ct = default)
    {
        if (caller.Role is not (Role.Admin or Role.FrontDesk or Role.Patient))
        {
            return new Error.Forbidden("Memberships are sold by the desk and admins, or joined by the patient.");
        }

        var opened = await access.OpenAsync(caller, request.PatientId, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var plans = (await settings.GetAsync(caller.TenantId, ct)).Body.MembershipPlans;
        if (plans.FirstOrDefault(p => p.Id == request.PlanId) is not { } plan)
        {
            return Error.Invalid.Field("planId", plans.Count == 0 ? "The clinic sells no memberships yet." : "Choose one of the clinic's membership plans.");
        }

        var patient = opened.Value.Body;
        var id = Membership.IdFor(patient.Id, request.IdempotencyKey);
        if ((await memberships.ForPatientAsync(caller.TenantId, patient.Id, ct)).FirstOrDefault(m => m.Live && m.Id != id) is { } current)
        {
            return new Error.Conflict($"{patient.DisplayName} is already a member ({current.PlanName}). Cancel that membership first to change plans.");
        }

        var found = await memberships.GetAsync(caller.TenantId, id, ct);
        if (found is null)
        {
            try
            {
                found = await memberships.CreateAsync(Membership.Join(id, caller.TenantId, patient.Id, patient.DisplayName, plan, clock.GetUtcNow(), caller.Email), ct);
            }
            catch (DocumentConflictException)
            {
                found = (await memberships.GetAsync(caller.TenantId, id, ct))!;
            }
        }

        for (var attempt = 0; found.Body.Status == MembershipStatus.Pending; attempt++)
        {
            try
            {
                var outcome = await charge.ChargeAsync(found, ct);
                if (outcome.Declined is { } reason)
                {
                    // Nothing half-made: the first period's invoice is voided and no membership remains.
                    if (outcome.Membership.Body.PeriodInvoiceId is { } invoiceId)
                    {
                        await invoices.ChangeAsync(caller.TenantId, invoiceId, i => i.Void("The card was declined when joining.", clock.GetUtcNow()), ct);
                    }

                    await memberships.DeleteAsync(outcome.Membership, ct);
                    return new Error.Conflict($"{reason} {patient.DisplayName} did not join {plan.Name}: nothing was charged.");
                }

                found = await memberships.SaveAsync(outcome.Membership.Body.Paid(), outcome.Membership.ETag, ct);
            }
            catch (DocumentStaleException) when (attempt < 5)
            {
                found = (await memberships.GetAsync(caller.TenantId, id, ct))!;
            }
        }

        return found.Body;
    }
}
