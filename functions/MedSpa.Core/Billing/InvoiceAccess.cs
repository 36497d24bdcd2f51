namespace MedSpa.Core.Billing;

/// <summary>An invoice as its reader sees it: the document, its arithmetic, and what its ledger says.</summary>
public sealed record InvoiceView(Document<Invoice> Document, InvoiceTotals Totals, InvoiceBalance Balance, IReadOnlyList<LedgerEntry> Entries)
{
    public Invoice Invoice => ChargesPosted ? Document.Body.WithBalance(Balance.Owed) : Document.Body;

    private bool ChargesPosted => Entries.Any(e => e.Type == LedgerEntryType.Issued);

    /// <summary>
    /// What a payment may take now: what the ledger says is owed once the invoice's charges are posted, else its total —
    /// a draft's, and an invoice's whose first payment is issuing it right now (its status is saved before its charges
    /// are posted, so a payment alongside would otherwise read "paid in full").
    /// </summary>
    public long OwedNow => Document.Body.Status != InvoiceStatus.Void && !ChargesPosted ? Totals.Total : Balance.Owed;
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
