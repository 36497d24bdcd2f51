using MedSpa.Core.Billing;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Memberships;

/// <summary>A membership as its member and the desk see it: with what its unpaid period owes, if anything.</summary>
/// <param name="Owed">What the period being charged still owes (past due), in minor units; 0 otherwise.</param>
public sealed record MembershipView(Membership Membership, long Owed, string? OwedInvoiceId, string? Benefits);

/// <summary>
/// A patient's memberships, newest first (joins that never finished left out): the desk and admins for any patient, a
/// patient their own. Practitioners do not handle money. Someone else's record is "not found".
/// </summary>
public sealed class ReadMemberships(MembershipStore memberships, PatientAccess access, InvoiceStore invoices, BillingSettingsStore settings)
{
    public async Task<Result<IReadOnlyList<MembershipView>>> ForPatientAsync(Caller caller, string patientId, CancellationToken ct = default)
    {
        if (caller.Role is not (Role.Admin or Role.FrontDesk or Role.Patient))
        {
            return new Error.Forbidden("Memberships are read by the desk, admins and the patient.");
        }

        var opened = await access.OpenAsync(caller, patientId, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var plans = (await settings.GetAsync(caller.TenantId, ct)).Body.MembershipPlans;
        var views = new List<MembershipView>();
        foreach (var membership in await memberships.ForPatientAsync(caller.TenantId, patientId, ct))
        {
            if (membership.Status == MembershipStatus.Pending)
            {
                continue;
            }

            var owed = membership.Status == MembershipStatus.PastDue && membership.PeriodInvoiceId is { } invoiceId
                ? InvoiceBalance.Of(await invoices.EntriesAsync(caller.TenantId, invoiceId, ct)).Owed
                : 0;
            views.Add(new MembershipView(membership, owed, owed > 0 ? membership.PeriodInvoiceId : null, plans.FirstOrDefault(p => p.Id == membership.PlanId)?.Benefits));
        }

        return views;
    }
}
