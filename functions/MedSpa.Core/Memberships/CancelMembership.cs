using MedSpa.Core.Billing;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Memberships;

/// <summary>
/// Ends a membership: nothing more is charged, and what was paid for runs to its end (<see cref="Membership.PaidThrough"/>).
/// A period still unpaid (past due) is voided: nothing is owed for a membership that has ended. The desk and admins
/// cancel any; a patient their own. Cancelling again answers the same.
/// </summary>
public sealed class CancelMembership(MembershipStore memberships, PatientAccess access, InvoiceStore invoices, TimeProvider clock)
{
    public async Task<Result<Membership>> CancelAsync(Caller caller, string membershipId, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await memberships.GetAsync(caller.TenantId, membershipId, ct) is not { Body.Status: not MembershipStatus.Pending } found
                || caller.Role is not (Role.Admin or Role.FrontDesk or Role.Patient)
                || !(await access.OpenAsync(caller, found.Body.PatientId, ct)).IsSuccess)
            {
                return new Error.NotFound("No such membership.");
            }

            var now = clock.GetUtcNow();
            var cancelled = found.Body.Cancel(now);
            if (!cancelled.IsSuccess || cancelled.Value == found.Body)
            {
                return cancelled;
            }

            try
            {
                await memberships.SaveAsync(cancelled.Value, found.ETag, ct);
            }
            catch (DocumentStaleException) when (attempt < 5)
            {
                continue;
            }

            if (found.Body.Status == MembershipStatus.PastDue && found.Body.PeriodInvoiceId is { } unpaid)
            {
                await invoices.ChangeAsync(caller.TenantId, unpaid, i => i.Void("The membership was cancelled.", now), ct);
            }

            return cancelled.Value;
        }
    }
}
