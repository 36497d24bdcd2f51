namespace MedSpa.Core.Billing;

/// <param name="PaymentEntryId">The payment (ledger entry) the money goes back from, to the same tender.</param>
/// <param name="Amount">Minor units; all that is left of that payment (or of the line) when null.</param>
/// <param name="LineId">The invoice line the money is for (a product returned): never more back for it than it came to.</param>
/// <param name="AsCredit">Given as the patient's account credit instead of back to the tender (no money leaves the clinic).</param>
public sealed record RefundInput(string InvoiceId, string PaymentEntryId, long? Amount, string Reason, string Key, string? LineId = null, bool AsCredit = false);

/// <summary>
/// Gives money back from one payment to where it came from: to the card through Stripe (keyed, so a retry never refunds
/// twice), to the gift card it was paid with, or as cash from the till. Never more than is left of that payment. The front desk refunds up to the clinic's
/// limit; above it, an admin.
/// </summary>
public sealed class RefundPayment(InvoiceStore invoices, InvoiceAccess access, BillingSettingsStore settings, Payments.IPaymentGateway payments, GiftCards.GiftCardStore giftCards, Credit.PatientCreditStore credits, TimeProvider clock)
{
    public async Task<Result<(LedgerEntry Refund, InvoiceView Invoice)>> RefundAsync(Caller caller, RefundInput input, CancellationToken ct = default)
    {
        var read = await access.ReadAsync(caller, input.InvoiceId, ct);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        if (caller.Role is not (Role.Admin or Role.FrontDesk))
        {
            return new Error.Forbidden("Only the clinic gives refunds.");
        }

        if (read.Value.Entries.FirstOrDefault(e => e.Key == input.Key && e.Type == LedgerEntryType.Refund) is { } replay)
        {
            await GiveBackStoredValueAsync(read.Value.Invoice, read.Value.Entries, replay, ct);
            return (replay, read.Value);
        }

        if (read.Value.Balance.Payments.FirstOrDefault(p => p.Payment.Id == input.PaymentEntryId) is not { Payment: not null } paid)
        {
            return Invalid("paymentEntryId", "No such payment on this invoice.");
        }

        var view = read.Value;
        if (input.LineId is not null && view.Totals.Lines.All(l => l.LineId != input.LineId))
        {
            return Invalid("lineId", "No such line on this invoice.");
        }

        var amount = input.Amount ?? Math.Min(paid.Refundable, LineLeft(view.Entries, view.Totals, input.LineId));
        if (input.LineId is not null && amount > LineLeft(view.Entries, view.Totals, input.LineId))
        {
            var line = view.Invoice.Lines.First(l => l.Id == input.LineId);
            return Invalid("amount", $"At most {new Money(LineLeft(view.Entries, view.Totals, input.LineId), view.Invoice.Currency).ToDisplay()}, what is left of {line.Description} after its refunds.");
        }

        if (amount <= 0 || amount > paid.Refundable)
        {
            return Invalid("amount", paid.Refundable <= 0
                ? "This payment has been refunded in full."
                : $"From 0.01 to {new Money(paid.Refundable, read.Value.Invoice.Currency).ToDisplay()}, what is left of this payment.");
        }

        var limit = (await settings.GetAsync(caller.TenantId, ct)).Body.DeskRefundLimit;
        if (caller.Role == Role.FrontDesk && amount > limit)
        {
            return new Error.Forbidden($"The front desk refunds up to {new Money(limit, read.Value.Invoice.Currency).ToDisplay()}; ask an admin for this one.");
        }

        var payment = paid.Payment;
        var to = input.AsCredit ? Tender.Credit : payment.Tender ?? Tender.Cash;
        string? reference = null;
        if (!input.AsCredit && payment.Tender is Tender.Card or Tender.Deposit && payment.Reference is { } paymentId)
        {
            // The provider first: if it refuses, nothing is recorded; if we stop after it, the same key finds its refund again.
            await payments.RefundAsync(paymentId, new Money(amount, read.Value.Invoice.Currency), $"refund:{caller.TenantId}:{input.InvoiceId}:{input.Key}", ct);
            reference = paymentId;
        }

        var now = clock.GetUtcNow();
        var posted = await invoices.AppendAsync(caller.TenantId, input.InvoiceId, entries =>
        {
            if (entries.FirstOrDefault(e => e.Key == input.Key && e.Type == LedgerEntryType.Refund) is { } same)
            {
                return same;
            }

            var left = InvoiceBalance.Of(entries).Payments.First(p => p.Payment.Id == payment.Id).Refundable;
            if (amount > left || amount > LineLeft(entries, view.Totals, input.LineId))
            {
                return Invalid("amount", "This payment was refunded meanwhile. Reload the invoice.");
            }

            var sequence = entries.Count + 1;
            return new LedgerEntry(LedgerEntry.IdFor(input.InvoiceId, sequence), caller.TenantId, input.InvoiceId, sequence, LedgerEntryType.Refund, to,
                amount, LedgerEntry.ForRefund(to, amount), input.Key, reference, payment.Id, input.Reason, now, caller.Email, input.LineId);
        }, ct);
        if (!posted.IsSuccess)
        {
            return posted.Error;
        }

        // After the ledger, keyed by the refund: a retry that finds the refund posted gives the value back once.
        await GiveBackStoredValueAsync(view.Invoice, view.Entries, posted.Value, ct);
        return (posted.Value, (await access.ReadAsync(caller, input.InvoiceId, ct)).Value!);
    }

    /// <summary>A refund to a gift card puts its value back on that card; a refund as credit adds to the patient's credit.</summary>
    private async Task GiveBackStoredValueAsync(Invoice invoice, IReadOnlyList<LedgerEntry> entries, LedgerEntry refund, CancellationToken ct)
    {
        var payment = entries.FirstOrDefault(e => e.Id == refund.RefundOf);
        if (refund.Tender == Tender.GiftCard && payment is { TenderId: { } cardId, Key: { } redemptionKey })
        {
            await giftCards.ReturnAsync(refund.TenantId, cardId, redemptionKey, refund.Amount, $"{redemptionKey}:refund:{refund.Key}", refund.InvoiceId, refund.By, refund.At, ct);
        }
        else if (refund.Tender == Tender.Credit)
        {
            await credits.MoveAsync(refund.TenantId, invoice.PatientId, payment?.Tender == Tender.Credit ? Credit.CreditMovementType.Returned : Credit.CreditMovementType.Granted,
                new Money(refund.Amount, invoice.Currency), $"refund:{refund.InvoiceId}:{refund.Key}", refund.InvoiceId, refund.Note ?? "Refund", refund.By, refund.At, ct);
        }
    }

    /// <summary>What a line came to (after discounts, with its tax) less what was refunded for it; unbounded for no line.</summary>
    private static long LineLeft(IReadOnlyList<LedgerEntry> entries, InvoiceTotals totals, string? lineId)
    {
        if (lineId is null)
        {
            return long.MaxValue;
        }

        var line = totals.Lines.First(l => l.LineId == lineId);
        return line.Net + line.TaxTotal - entries.Where(e => e.Type == LedgerEntryType.Refund && e.LineId == lineId).Sum(e => e.Amount);
    }

    private static Error.Invalid Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
