using MedSpa.Core.Payments;

namespace MedSpa.Core.Billing;

/// <summary>
/// A card payment was refunded in Stripe's dashboard rather than at MedSpa's checkout: each such refund (read fresh from
/// Stripe; MedSpa's own are marked and recorded as they are made) becomes a refund entry on the invoice's ledger, once,
/// keyed by Stripe's refund id, so the invoice, the reports and Stripe agree.
/// </summary>
public sealed class RecordRefundsMadeInStripe(InvoiceStore invoices, IPaymentGateway payments, TimeProvider clock)
{
    public async Task ApplyAsync(string tenantId, string paymentId, CancellationToken ct = default)
    {
        if (await payments.ReadPaymentAsync(paymentId, ct) is not { Purpose: PaymentPurpose.Invoice, ReferenceId: { } invoiceId } payment || payment.TenantId != tenantId)
        {
            return;
        }

        foreach (var refund in await payments.RefundsMadeElsewhereAsync(paymentId, ct))
        {
            var key = $"stripe-refund:{refund.Id}";
            await invoices.AppendAsync(tenantId, invoiceId, entries =>
            {
                if (entries.FirstOrDefault(e => e.Key == key) is { } same)
                {
                    return same;
                }

                // The invoice's card payment Stripe refunded; what is left of it caps the entry (Stripe never refunds more).
                if (InvoiceBalance.Of(entries).Payments.FirstOrDefault(p => p.Payment.Reference == paymentId) is not { Payment: { } paid } found)
                {
                    return new Error.NotFound($"No payment on {invoiceId} for {paymentId}.");
                }

                var amount = Math.Min(refund.Amount.Amount, found.Refundable);
                if (amount <= 0)
                {
                    return new Error.Conflict("Nothing of this payment is left to refund.");
                }

                var sequence = entries.Count + 1;
                return new LedgerEntry(LedgerEntry.IdFor(invoiceId, sequence), tenantId, invoiceId, sequence, LedgerEntryType.Refund, paid.Tender, amount,
                    LedgerEntry.ForRefund(paid.Tender ?? Tender.Card, amount), key, paymentId, paid.Id, "Refunded in Stripe's dashboard", clock.GetUtcNow(), "stripe");
            }, ct);
        }
    }
}
