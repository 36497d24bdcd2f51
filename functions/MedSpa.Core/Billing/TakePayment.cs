using MedSpa.Core.Deposits;
using MedSpa.Core.Payments;

namespace MedSpa.Core.Billing;

/// <param name="Amount">What goes on the invoice, minor units.</param>
/// <param name="Tendered">Cash handed over, when more than the amount: the change is given back.</param>
/// <param name="Key">The caller's idempotency key: a retried request takes the same payment, never a second.</param>
public sealed record PaymentInput(string InvoiceId, Tender Tender, long Amount, long? Tendered, string Key);

/// <summary>
/// A payment taken: cash and other in-clinic tenders are in the ledger at once (with the change); a card payment is
/// opened at Stripe for the patient's or the desk's browser to confirm, and reaches the ledger by Stripe's webhook.
/// </summary>
public sealed record PaymentTaken(LedgerEntry? Entry, long Change, CardCheckout? Card, InvoiceView Invoice);

public sealed record CardCheckout(string PaymentId, string ClientSecret, Money Amount, PaymentClientSettings Provider);

/// <summary>
/// Takes a payment on an invoice, never more than it owes. The first payment issues a draft: its charges go to the
/// ledger, and a visit's deposit counts towards it (an authorised deposit is captured then, inside Stripe's 7 days).
/// </summary>
public sealed class TakePayment(InvoiceStore invoices, InvoiceAccess access, IssueInvoice issue, IPaymentGateway payments, PaymentCustomers customers, Credit.PatientCreditStore credits, DomainEventQueue events, TimeProvider clock)
{
    public async Task<Result<PaymentTaken>> PayAsync(Caller caller, PaymentInput input, CancellationToken ct = default)
    {
        var read = await access.ReadAsync(caller, input.InvoiceId, ct);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        if (caller.Role == Role.Patient && input.Tender != Tender.Card)
        {
            return new Error.Forbidden("Online, an invoice is paid by card.");
        }

        if (input.Tender is Tender.GiftCard or Tender.Deposit)
        {
            return Invalid("tender", input.Tender == Tender.Deposit
                ? "A visit's deposit is counted by itself when the invoice is issued."
                : "A gift card pays through /api/gift-cards/{code}/redeem, which checks its balance.");
        }

        if (input.Tendered is { } tendered && (input.Tender != Tender.Cash || tendered < input.Amount))
        {
            return Invalid("tendered", input.Tender != Tender.Cash ? "Only cash is tendered." : "Less cash was handed over than the amount paid.");
        }

        // Refused before anything is issued: a refusal changes nothing.
        var owedNow = read.Value.OwedNow;
        if (input.Amount > owedNow && !read.Value.Entries.Any(e => e.Key == input.Key))
        {
            return Invalid("amount", owedNow <= 0 ? "This invoice is paid in full." : $"At most {new Money(owedNow, read.Value.Invoice.Currency).ToDisplay()}, what the invoice still owes.");
        }

        // Credit is the invoice's patient's: checked before anything is issued, spent (never below zero) before it is posted.
        var creditKey = $"payment:{input.InvoiceId}:{input.Key}";
        if (input.Tender == Tender.Credit && !read.Value.Entries.Any(e => e.Key == input.Key)
            && await credits.BalanceAsync(caller.TenantId, read.Value.Invoice.PatientId, ct) is var credit && credit < input.Amount)
        {
            return Invalid("amount", credit <= 0 ? "The patient has no account credit." : $"The patient has {new Money(credit, read.Value.Invoice.Currency).ToDisplay()} of account credit.");
        }

        var issued = await issue.IssueAsync(caller, read.Value, ct);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        var view = issued.Value;
        if (view.Entries.FirstOrDefault(e => e.Key == input.Key && e.Type == LedgerEntryType.Payment) is { } replay)
        {
            return new PaymentTaken(replay, (input.Tendered ?? replay.Amount) - replay.Amount, null, view);
        }

        if (input.Amount > view.Balance.Owed)
        {
            return Invalid("amount", view.Balance.Owed <= 0 ? "This invoice is paid in full." : $"At most {new Money(view.Balance.Owed, view.Invoice.Currency).ToDisplay()}, what the invoice still owes.");
        }

        if (input.Tender == Tender.Card)
        {
            var invoice = view.Invoice;
            var payment = await payments.CreatePaymentAsync(new PaymentRequest(
                IdempotencyKey: $"invoice:{caller.TenantId}:{invoice.Id}:{input.Key}",
                TenantId: caller.TenantId,
                Purpose: PaymentPurpose.Invoice,
                ReferenceId: invoice.Id,
                Amount: new Money(input.Amount, invoice.Currency),
                CustomerId: await customers.ForPatientAsync(caller.TenantId, invoice.PatientId, ct),
                CaptureLater: false,
                SaveCard: false,
                Description: $"{invoice.DisplayNumber}"), ct);
            return new PaymentTaken(null, 0, new CardCheckout(payment.Id, payment.ClientSecret ?? "", payment.Amount, payments.ClientSettings), view);
        }

        var now = clock.GetUtcNow();
        var patientId = view.Invoice.PatientId;
        if (input.Tender == Tender.Credit)
        {
            var spent = await credits.MoveAsync(caller.TenantId, patientId, Credit.CreditMovementType.Spent, new Money(-input.Amount, view.Invoice.Currency), creditKey,
                input.InvoiceId, $"Paid {view.Invoice.DisplayNumber}", caller.Email, now, ct);
            if (!spent.IsSuccess)
            {
                return spent.Error;
            }
        }

        var posted = await invoices.AppendAsync(caller.TenantId, input.InvoiceId, entries =>
        {
            if (entries.FirstOrDefault(e => e.Key == input.Key && e.Type == LedgerEntryType.Payment) is { } same)
            {
                return same;
            }

            var owed = InvoiceBalance.Of(entries).Owed;
            if (input.Amount > owed)
            {
                return Invalid("amount", "The invoice was paid meanwhile; it owes less now. Reload it.");
            }

            var sequence = entries.Count + 1;
            return new LedgerEntry(LedgerEntry.IdFor(input.InvoiceId, sequence), caller.TenantId, input.InvoiceId, sequence, LedgerEntryType.Payment, input.Tender,
                input.Amount, LedgerEntry.ForPayment(input.Tender, input.Amount), input.Key, null, null, null, now, caller.Email,
                TenderId: input.Tender == Tender.Credit ? patientId : null);
        }, ct);
        if (!posted.IsSuccess)
        {
            if (input.Tender == Tender.Credit)
            {
                // The invoice would not take it: the patient gets back exactly the credit taken.
                await credits.MoveAsync(caller.TenantId, patientId, Credit.CreditMovementType.Returned, new Money(input.Amount, view.Invoice.Currency), $"{creditKey}:returned",
                    input.InvoiceId, $"Not taken by {view.Invoice.DisplayNumber}", caller.Email, now, ct);
            }

            return posted.Error;
        }

        var after = await access.ReadAsync(caller, input.InvoiceId, ct);
        if (after.Value!.Balance.Owed <= 0)
        {
            events.Raise(new Memberships.InvoicePaidInFull(caller.TenantId, input.InvoiceId)); // a past-due membership waits on it
        }

        return new PaymentTaken(posted.Value, (input.Tendered ?? input.Amount) - input.Amount, null, after.Value!);
    }

    private static Error.Invalid Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// Issues a draft invoice: its charges are posted to the ledger once (a retry finds them there), and a visit's paid
/// deposit is counted towards it — captured first when Stripe only holds it.
/// </summary>
public sealed class IssueInvoice(InvoiceStore invoices, DepositIntentStore deposits, IPaymentGateway payments, TimeProvider clock)
{
    public async Task<Result<InvoiceView>> IssueAsync(Caller caller, InvoiceView view, CancellationToken ct = default)
    {
        var document = view.Document;
        var now = clock.GetUtcNow();
        if (document.Body.Status == InvoiceStatus.Draft)
        {
            var issued = document.Body.Issue(now);
            if (!issued.IsSuccess)
            {
                return issued.Error;
            }

            try
            {
                document = await invoices.SaveAsync(issued.Value, document.ETag, ct);
            }
            catch (DocumentStaleException)
            {
                document = (await invoices.GetAsync(document.PartitionKey, document.Id, ct))!;
                if (document.Body.Status == InvoiceStatus.Draft)
                {
                    return new Error.Stale("The invoice was changed while it was being paid. Reload it and try again.");
                }
            }
        }
        else if (document.Body.Status == InvoiceStatus.Void)
        {
            return new Error.Conflict($"{document.Body.DisplayNumber} was voided.");
        }

        var invoice = document.Body;
        var totals = invoice.Totals;
        await invoices.AppendAsync(invoice.TenantId, invoice.Id, entries => entries.FirstOrDefault(e => e.Type == LedgerEntryType.Issued) is { } done
            ? done
            : new LedgerEntry(LedgerEntry.IdFor(invoice.Id, entries.Count + 1), invoice.TenantId, invoice.Id, entries.Count + 1, LedgerEntryType.Issued, null,
                totals.Total, LedgerEntry.ForIssue(totals), "issued", null, null, null, invoice.IssuedAt ?? now, caller.Email), ct);

        if (invoice.AppointmentId is { } appointmentId
            && await deposits.GetAsync(invoice.TenantId, appointmentId, ct) is { Status: Payments.DepositIntent.Succeeded, PaymentId: { } paymentId }
            && await payments.ReadPaymentAsync(paymentId, ct) is { HoldsMoney: true } held)
        {
            var entries = await invoices.EntriesAsync(invoice.TenantId, invoice.Id, ct);
            if (!entries.Any(e => e.Key == "deposit"))
            {
                var credit = Math.Min(held.Amount.Amount, InvoiceBalance.Of(entries).Owed);
                if (held.Status == ProviderPaymentStatus.Authorised && credit > 0)
                {
                    held = await payments.CapturePaymentAsync(paymentId, new Money(credit, held.Amount.Currency), $"deposit-capture:{invoice.TenantId}:{appointmentId}", ct);
                }

                credit = Math.Min(credit, held.Received.Amount);
                if (credit > 0)
                {
                    await invoices.AppendAsync(invoice.TenantId, invoice.Id, all => all.FirstOrDefault(e => e.Key == "deposit") is { } same
                        ? same
                        : new LedgerEntry(LedgerEntry.IdFor(invoice.Id, all.Count + 1), invoice.TenantId, invoice.Id, all.Count + 1, LedgerEntryType.Payment, Tender.Deposit,
                            credit, LedgerEntry.ForPayment(Tender.Deposit, credit), "deposit", paymentId, null, "Deposit paid at booking", now, "system"), ct);
                }
            }
        }

        var after = await invoices.EntriesAsync(invoice.TenantId, invoice.Id, ct);
        return new InvoiceView(document, totals, InvoiceBalance.Of(after), after);
    }
}
