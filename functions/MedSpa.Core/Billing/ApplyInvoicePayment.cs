using MedSpa.Core.Payments;

namespace MedSpa.Core.Billing;

/// <summary>
/// Stripe says a card payment on an invoice went through: it is posted to the invoice's ledger once (keyed by the
/// payment's id), read fresh from Stripe so a late or repeated event changes nothing. An invoice it pays in full is
/// told (<see cref="Memberships.InvoicePaidInFull"/>): a past-due membership waits on it.
/// </summary>
public sealed class ApplyInvoicePayment(InvoiceStore invoices, IPaymentGateway payments, DomainEventQueue events, TimeProvider clock)
{
    public async Task ApplyAsync(string tenantId, string paymentId, CancellationToken ct = default)
    {
        if (await payments.ReadPaymentAsync(paymentId, ct) is not { Purpose: PaymentPurpose.Invoice, ReferenceId: { } invoiceId, Status: ProviderPaymentStatus.Succeeded } payment
            || payment.TenantId != tenantId
            || await invoices.GetAsync(tenantId, invoiceId, ct) is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await invoices.AppendAsync(tenantId, invoiceId, entries => entries.FirstOrDefault(e => e.Key == paymentId) is { } done
            ? done
            : new LedgerEntry(LedgerEntry.IdFor(invoiceId, entries.Count + 1), tenantId, invoiceId, entries.Count + 1, LedgerEntryType.Payment, Tender.Card,
                payment.Received.Amount, LedgerEntry.ForPayment(Tender.Card, payment.Received.Amount), paymentId, paymentId, null, null, now, "stripe"), ct);
        if (InvoiceBalance.Of(await invoices.EntriesAsync(tenantId, invoiceId, ct)).Owed <= 0)
        {
            events.Raise(new Memberships.InvoicePaidInFull(tenantId, invoiceId));
        }
    }
}
