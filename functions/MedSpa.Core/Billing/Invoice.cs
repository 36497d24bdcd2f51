namespace MedSpa.Core.Billing;

public enum InvoiceStatus
{
    /// <summary>Being put together at checkout: lines, discounts and tips can change; nothing is owed yet.</summary>
    Draft,

    /// <summary>Issued (posted to the ledger): owed until paid; its lines no longer change.</summary>
    Open,

    Paid,

    /// <summary>Cancelled: a draft, or an issued invoice on its day once its payments were given back. Nothing is owed; the number stays taken.</summary>
    Void,
}

public enum LineKind
{
    Service,
    Neurotoxin,
    Filler,
    Retail,
    Other,
}

public enum DiscountKind
{
    Percent,
    Fixed,
}

/// <summary>A discount: a percentage (0–100) or a fixed amount in minor units, always with a reason.</summary>
public sealed record Discount(DiscountKind Kind, decimal Value, string Reason);

/// <param name="Quantity">Units of a neurotoxin, syringes of a filler, items; up to two decimals (half a syringe).</param>
/// <param name="UnitPrice">In minor units of the invoice's currency.</param>
public sealed record InvoiceLine(
    string Id,
    LineKind Kind,
    string Description,
    decimal Quantity,
    long UnitPrice,
    bool Taxable,
    string? ProductId = null,
    string? PractitionerId = null,
    Discount? Discount = null);

/// <summary>A tip for one practitioner, in minor units.</summary>
public sealed record Tip(string PractitionerId, long Amount);

/// <summary>What the desk may change on an invoice that is still a draft.</summary>
public sealed record InvoiceDraft(IReadOnlyList<InvoiceLine> Lines, Discount? Discount, IReadOnlyList<Tip> Tips, string? Notes);

/// <summary>
/// A bill to a patient, numbered per clinic without gaps. A draft is edited freely at checkout; issuing it posts what it
/// charges to the ledger, after which only the ledger moves (payments, refunds). What was paid and what is owed are read
/// from the ledger, never stored here. The tax rates are copied at creation, so later changes to the clinic's rates never
/// alter it.
/// </summary>
public sealed record Invoice
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    /// <summary>Per clinic, from 1, without gaps (the number is taken only by an invoice that exists).</summary>
    public required long Number { get; init; }

    public required string PatientId { get; init; }

    public string? PatientName { get; init; }

    public string? AppointmentId { get; init; }

    public string? LocationId { get; init; }

    public required string Currency { get; init; }

    public InvoiceStatus Status { get; init; } = InvoiceStatus.Draft;

    public IReadOnlyList<InvoiceLine> Lines { get; init; } = [];

    public Discount? Discount { get; init; }

    public IReadOnlyList<Tip> Tips { get; init; } = [];

    public IReadOnlyList<TaxRate> TaxRates { get; init; } = [];

    public string? Notes { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ModifiedAt { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    public string Kind => "invoice";

    public string DisplayNumber => $"INV-{Number:D6}";

    public static string IdFor(long number) => $"invoice-{number:D8}";

    public InvoiceTotals Totals => InvoiceTotals.Of(this);

    public Result<Invoice> Edit(InvoiceDraft draft, DateTimeOffset now) => Status switch
    {
        InvoiceStatus.Draft => this with { Lines = draft.Lines, Discount = draft.Discount, Tips = draft.Tips, Notes = draft.Notes, ModifiedAt = now },
        InvoiceStatus.Void => new Error.Conflict($"{DisplayNumber} was voided; start a new invoice."),
        _ => new Error.Conflict($"{DisplayNumber} has been issued, so its lines no longer change. Refund what should not have been charged."),
    };

    /// <summary>Issued at its first payment (or when sent): its charges go to the ledger once.</summary>
    public Result<Invoice> Issue(DateTimeOffset now) => Status switch
    {
        InvoiceStatus.Draft when Lines.Count == 0 => new Error.Conflict("Add at least one line before taking payment."),
        InvoiceStatus.Draft => this with { Status = InvoiceStatus.Open, IssuedAt = now, ModifiedAt = now },
        InvoiceStatus.Void => new Error.Conflict($"{DisplayNumber} was voided."),
        _ => this,
    };

    public string? VoidReason { get; init; }

    /// <summary>Cancels it, with the reason kept. Whether an issued invoice may be voided (its day, its payments given back) is <see cref="VoidInvoice"/>'s to decide.</summary>
    public Invoice Void(string reason, DateTimeOffset now) => Status == InvoiceStatus.Void ? this : this with { Status = InvoiceStatus.Void, VoidReason = reason, ModifiedAt = now };

    /// <summary>The status the ledger's balance gives an issued invoice.</summary>
    public Invoice WithBalance(long balance) => Status is InvoiceStatus.Open or InvoiceStatus.Paid
        ? this with { Status = balance <= 0 ? InvoiceStatus.Paid : InvoiceStatus.Open }
        : this;
}
