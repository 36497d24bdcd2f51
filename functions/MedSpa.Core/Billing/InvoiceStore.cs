namespace MedSpa.Core.Billing;

/// <summary>The next invoice number to try (a hint: the numbers themselves are the invoices' ids).</summary>
public sealed record InvoiceCounter(string TenantId, long Next)
{
    public const string Id = "invoice-counter";

    public string Kind => "invoice-counter";
}

/// <summary>Which invoice an appointment has (one per visit), claimed before the invoice is numbered. (Not "InvoiceId": ledger entries are found by that.)</summary>
public sealed record AppointmentInvoice(string Id, string TenantId, string AppointmentId, string? LinkedInvoiceId)
{
    public string Kind => "appointment-invoice";

    public static string IdFor(string appointmentId) => $"appointment-invoice-{appointmentId}";
}

/// <summary>Invoices and their ledgers, in the clinic's payments partition.</summary>
public sealed class InvoiceStore(IDocumentStore store)
{
    private const string Container = Partitions.Payments;

    public Task<Document<Invoice>?> GetAsync(string tenantId, string invoiceId, CancellationToken ct = default) =>
        invoiceId.StartsWith("invoice-", StringComparison.Ordinal)
            ? store.ReadAsync<Invoice>(Container, tenantId, invoiceId, ct)
            : Task.FromResult<Document<Invoice>?>(null);

    public Task<Document<Invoice>> SaveAsync(Invoice invoice, string etag, CancellationToken ct = default) =>
        store.ReplaceAsync(Container, invoice.TenantId, invoice.Id, invoice, etag, ct);

    /// <summary>Changes the invoice as it is now (re-read and decided again when someone else wrote it first).</summary>
    public Task<Document<Invoice>?> ChangeAsync(string tenantId, string invoiceId, Func<Invoice, Invoice> change, CancellationToken ct = default) =>
        store.ChangeAsync(Container, tenantId, invoiceId, change, ct);

    /// <summary>
    /// Numbers and stores a new invoice: the number is taken by creating the invoice under it, so a number is never
    /// skipped (nothing takes one without being an invoice) and never used twice (a taken one is simply the next try).
    /// </summary>
    public async Task<Document<Invoice>> AddAsync(string tenantId, Func<long, Invoice> make, CancellationToken ct = default)
    {
        var counter = await store.ReadAsync<InvoiceCounter>(Container, tenantId, InvoiceCounter.Id, ct);
        var number = counter?.Body.Next ?? 1;
        while (true)
        {
            var invoice = make(number);
            try
            {
                var created = await store.CreateAsync(Container, tenantId, invoice.Id, invoice, ct);
                await AdvanceCounterAsync(tenantId, counter, number + 1, ct);
                return created;
            }
            catch (DocumentConflictException)
            {
                number++;
            }
        }
    }

    private async Task AdvanceCounterAsync(string tenantId, Document<InvoiceCounter>? counter, long next, CancellationToken ct)
    {
        try
        {
            if (counter is null)
            {
                await store.CreateAsync(Container, tenantId, InvoiceCounter.Id, new InvoiceCounter(tenantId, next), ct);
            }
            else if (counter.Body.Next < next)
            {
                await store.ReplaceAsync(Container, tenantId, InvoiceCounter.Id, counter.Body with { Next = next }, counter.ETag, ct);
            }
        }
        catch (DocumentStoreException e) when (e is DocumentConflictException or DocumentStaleException)
        {
            // Someone else moved the hint meanwhile; the next invoice finds its number either way.
        }
    }

    public async Task<Document<AppointmentInvoice>> ClaimForAppointmentAsync(string tenantId, string appointmentId, CancellationToken ct = default)
    {
        var id = AppointmentInvoice.IdFor(appointmentId);
        try
        {
            return await store.CreateAsync(Container, tenantId, id, new AppointmentInvoice(id, tenantId, appointmentId, null), ct);
        }
        catch (DocumentConflictException)
        {
            return (await store.ReadAsync<AppointmentInvoice>(Container, tenantId, id, ct))!;
        }
    }

    public Task LinkAsync(Document<AppointmentInvoice> claim, string invoiceId, CancellationToken ct = default) =>
        store.ReplaceAsync(Container, claim.PartitionKey, claim.Id, claim.Body with { LinkedInvoiceId = invoiceId }, claim.ETag, ct);

    public async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(string tenantId, string invoiceId, CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<LedgerEntry>(Container, tenantId, new DocumentQuery { OrderBy = nameof(LedgerEntry.Sequence) }
            .Where(nameof(LedgerEntry.InvoiceId), FilterOperator.Equal, invoiceId), ct)).Select(d => d.Body)];

    /// <summary>Every ledger entry of the clinic made from <paramref name="from"/> up to (not including) <paramref name="to"/>, oldest first.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> EntriesBetweenAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<LedgerEntry>(Container, tenantId, new DocumentQuery { OrderBy = nameof(LedgerEntry.At) }
            .Where(nameof(LedgerEntry.Kind), FilterOperator.Equal, "ledger-entry")
            .Where(nameof(LedgerEntry.At), FilterOperator.GreaterThanOrEqual, from)
            .Where(nameof(LedgerEntry.At), FilterOperator.LessThan, to), ct)).Select(d => d.Body)];

    /// <summary>A patient's invoices, newest first, as documents (with their versions).</summary>
    public async Task<IReadOnlyList<Document<Invoice>>> ForPatientAsync(string tenantId, string patientId, CancellationToken ct = default)
    {
        var query = new DocumentQuery { OrderBy = nameof(Invoice.Number), Descending = true, PageSize = 200 }
            .Where(nameof(Invoice.PatientId), FilterOperator.Equal, patientId)
            .Where(nameof(Invoice.Kind), FilterOperator.Equal, "invoice");
        return (await store.QueryAsync<Invoice>(Container, tenantId, query, ct)).Items;
    }

    /// <summary>
    /// Appends one entry decided on the ledger as it is now: <paramref name="decide"/> sees every entry so far and
    /// answers the entry to add (numbered next), an existing one (the same key: nothing to add), or an error. When
    /// another entry took the number first, it decides again on the longer ledger.
    /// </summary>
    public Task<Result<LedgerEntry>> AppendAsync(string tenantId, string invoiceId, Func<IReadOnlyList<LedgerEntry>, Result<LedgerEntry>> decide, CancellationToken ct = default) =>
        store.AppendToLogAsync(Container, tenantId, () => EntriesAsync(tenantId, invoiceId, ct), e => e.Id, decide,
            "This invoice is being paid from elsewhere right now. Reload it and try again.", ct);
}
