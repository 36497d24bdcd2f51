using System.Globalization;
using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Billing;

/// <param name="Key">The caller's idempotency key: the refunds a void makes are keyed by it, so a retry gives nothing back twice.</param>
public sealed record VoidInput(string InvoiceId, string Reason, string Key);

/// <summary>
/// Voids an invoice made in error. A draft is voided at once. An issued invoice only on the day it was issued (its
/// location's day, before the day's card payments settle; afterwards refunds are the way): every payment is given back to
/// where it came from first (the card, the gift card, the till), then its charges are reversed in the ledger. The front
/// desk voids what it could refund (up to the clinic's limit); above it, an admin. The number stays taken — numbers have
/// no gaps — and a visit's next invoice opens afresh.
/// </summary>
public sealed class VoidInvoice(InvoiceStore invoices, InvoiceAccess access, RefundPayment refunds, BillingSettingsStore settings, ClinicSetupStore setup, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public async Task<Result<InvoiceView>> VoidAsync(Caller caller, VoidInput input, CancellationToken ct = default)
    {
        var read = await access.ReadAsync(caller, input.InvoiceId, ct);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        if (caller.Role is not (Role.Admin or Role.FrontDesk))
        {
            return new Error.Forbidden("Only the clinic voids invoices.");
        }

        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > MaxReasonLength || reason.Any(char.IsControl))
        {
            return Invalid("reason", $"Say why it is voided, in up to {MaxReasonLength} characters on one line.");
        }

        var view = read.Value;
        var invoice = view.Document.Body;
        if (invoice.Status == InvoiceStatus.Void)
        {
            return view; // voided already (by this request or another): voiding again changes nothing
        }

        var now = clock.GetUtcNow();
        if (invoice.Status == InvoiceStatus.Draft)
        {
            try
            {
                await invoices.SaveAsync(invoice.Void(reason, now), view.Document.ETag, ct);
            }
            catch (DocumentStaleException)
            {
                return new Error.Stale("The invoice was changed (or paid) while it was being voided. Reload it and try again.");
            }

            return (await access.ReadAsync(caller, invoice.Id, ct)).Value!;
        }

        var clinic = await setup.LoadAsync(caller.TenantId, ct);
        var time = ClinicTime.For((clinic.Location(invoice.LocationId) ?? clinic.MainLocation)?.TimeZone is { Length: > 0 } zone ? zone : "UTC");
        var issuedOn = time.LocalDate(invoice.IssuedAt ?? invoice.CreatedAt);
        if (issuedOn != time.LocalDate(now))
        {
            return new Error.Conflict($"{invoice.DisplayNumber} was issued on {issuedOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}; its payments have settled, so refund them instead.");
        }

        var toGiveBack = view.Balance.Payments.Sum(p => p.Refundable);
        var limit = (await settings.GetAsync(caller.TenantId, ct)).Body.DeskRefundLimit;
        if (caller.Role == Role.FrontDesk && toGiveBack > limit)
        {
            return new Error.Forbidden($"Voiding gives back {new Money(toGiveBack, invoice.Currency).ToDisplay()}; the front desk gives back up to {new Money(limit, invoice.Currency).ToDisplay()}. Ask an admin.");
        }

        foreach (var (payment, refundable) in view.Balance.Payments.Where(p => p.Refundable > 0))
        {
            var refunded = await refunds.RefundAsync(caller, new RefundInput(invoice.Id, payment.Id, refundable, $"Voided: {reason}", $"void:{input.Key}:{payment.Id}"), ct);
            if (!refunded.IsSuccess)
            {
                return refunded.Error; // what was given back stays given back; a retry with the same key goes on from there
            }
        }

        var reversed = await invoices.AppendAsync(caller.TenantId, invoice.Id, entries =>
        {
            if (entries.FirstOrDefault(e => e.Type == LedgerEntryType.Void) is { } same)
            {
                return same;
            }

            var balance = InvoiceBalance.Of(entries);
            if (balance.Payments.Any(p => p.Refundable > 0))
            {
                return new Error.Conflict("A payment came in while it was being voided. Reload the invoice and void it again.");
            }

            var sequence = entries.Count + 1;
            return new LedgerEntry(LedgerEntry.IdFor(invoice.Id, sequence), caller.TenantId, invoice.Id, sequence, LedgerEntryType.Void, null,
                view.Totals.Total, LedgerEntry.ForVoid(view.Totals, balance), $"void:{input.Key}", null, null, reason, now, caller.Email);
        }, ct);
        if (!reversed.IsSuccess)
        {
            return reversed.Error;
        }

        await invoices.ChangeAsync(caller.TenantId, invoice.Id, current => current.Void(reason, now), ct);
        return (await access.ReadAsync(caller, invoice.Id, ct)).Value!;
    }

    private static Error.Invalid Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
