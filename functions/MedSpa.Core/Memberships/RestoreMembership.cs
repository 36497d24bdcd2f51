using MedSpa.Core.Billing;

namespace MedSpa.Core.Memberships;

/// <summary>An invoice was paid in full (online by card, or at checkout).</summary>
public sealed record InvoicePaidInFull(string TenantId, string InvoiceId) : IDomainEvent;

/// <summary>
/// A past-due member paid their period's invoice (from the link in the message, or at the desk): the membership is
/// active again at once and its next period begins where the paid one ends — no need to wait for the next try.
/// </summary>
public sealed class RestoreMembership(MembershipStore memberships, InvoiceStore invoices)
{
    public async Task ForInvoiceAsync(string tenantId, string invoiceId, CancellationToken ct = default)
    {
        if (await invoices.GetAsync(tenantId, invoiceId, ct) is not { Body.PatientId: { } patientId })
        {
            return;
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var owing = (await memberships.ForPatientAsync(tenantId, patientId, ct)).FirstOrDefault(m => m.Status == MembershipStatus.PastDue && m.PeriodInvoiceId == invoiceId);
            if (owing is null || await memberships.GetAsync(tenantId, owing.Id, ct) is not { } found
                || InvoiceBalance.Of(await invoices.EntriesAsync(tenantId, invoiceId, ct)).Owed > 0)
            {
                return;
            }

            try
            {
                await memberships.SaveAsync(found.Body.Paid(), found.ETag, ct);
                return;
            }
            catch (DocumentStaleException)
            {
                // Renewed or cancelled meanwhile: look again.
            }
        }
    }
}
