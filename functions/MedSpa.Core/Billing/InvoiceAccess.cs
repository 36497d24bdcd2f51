namespace MedSpa.Core.Billing;

/// <summary>An invoice as its reader sees it: the document, its arithmetic, and what its ledger says.</summary>
public sealed record InvoiceView(Document<Invoice> Document, InvoiceTotals Totals, InvoiceBalance Balance, IReadOnlyList<LedgerEntry> Entries)
{
    public Invoice Invoice => Document.Body.WithBalance(Balance.Owed);

    /// <summary>What a payment may take now: a draft's total (issued by its first payment), else what the ledger says is owed.</summary>
    public long OwedNow => Document.Body.Status == InvoiceStatus.Draft ? Totals.Total : Balance.Owed;
}

/// <summary>
/// Who reads an invoice: the clinic's admins and front desk, any of its invoices; a patient, their own. Anything else
/// is "not found", so an invoice's existence is never told to someone who may not read it.
/// </summary>
public sealed class InvoiceAccess(InvoiceStore invoices)
{
    public async Task<Result<InvoiceView>> ReadAsync(Caller caller, string invoiceId, CancellationToken ct = default)
    {
        var found = await invoices.GetAsync(caller.TenantId, invoiceId, ct);
        if (found is null || (caller.Role == Role.Patient && found.Body.PatientId != caller.PatientId) || caller.Role is not (Role.Admin or Role.FrontDesk or Role.Patient))
        {
            return new Error.NotFound("No such invoice.");
        }

        var entries = await invoices.EntriesAsync(caller.TenantId, invoiceId, ct);
        return new InvoiceView(found, found.Body.Totals, InvoiceBalance.Of(entries), entries);
    }
}
