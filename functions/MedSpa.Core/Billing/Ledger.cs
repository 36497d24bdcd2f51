namespace MedSpa.Core.Billing;

/// <summary>Where money sits. Debits are positive, credits negative; every entry's postings add up to zero.</summary>
public enum LedgerAccount
{
    /// <summary>What patients owe.</summary>
    Receivable,
    Revenue,
    TaxPayable,
    TipsPayable,

    /// <summary>Money given back (a contra-revenue account): refunds never rewrite what was sold.</summary>
    Refunds,
    Cash,
    Card,
    GiftCards,
    PatientCredit,
    Deposits,
}

/// <summary>How a patient pays.</summary>
public enum Tender
{
    Cash,
    Card,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("gift-card")]
    GiftCard,
    Credit,
    Deposit,
}

public sealed record Posting(LedgerAccount Account, long Amount);

public enum LedgerEntryType
{
    Issued,
    Payment,
    Refund,

    /// <summary>An issued invoice cancelled on its day, its payments given back first: its charges are reversed.</summary>
    Void,
}

/// <summary>
/// One movement of money on an invoice, appended and never changed: its postings balance to zero. Entries of an invoice
/// are numbered 1, 2, 3… and each number is taken by creating its document, so two payments at once can never both
/// count on the same balance (the second finds its number taken and looks again).
/// </summary>
/// <param name="Amount">The payment or refund (minor units, positive); the invoice's total for <see cref="LedgerEntryType.Issued"/> and <see cref="LedgerEntryType.Void"/>.</param>
/// <param name="Key">The caller's idempotency key (or the provider payment's id): the same key never posts twice.</param>
/// <param name="RefundOf">For a refund: the payment entry it returns money from.</param>
/// <param name="LineId">For a refund: the invoice line it is for, when the desk named one (a product returned).</param>
/// <param name="TenderId">What a gift-card payment drew on (the card's id), so a refund of it goes back to that card.</param>
public sealed record LedgerEntry(
    string Id,
    string TenantId,
    string InvoiceId,
    int Sequence,
    LedgerEntryType Type,
    Tender? Tender,
    long Amount,
    IReadOnlyList<Posting> Postings,
    string? Key,
    string? Reference,
    string? RefundOf,
    string? Note,
    DateTimeOffset At,
    string By,
    string? LineId = null,
    string? TenderId = null)
{
    public string Kind => "ledger-entry";

    public static string IdFor(string invoiceId, int sequence) => $"ledger-{invoiceId}-{sequence:D4}";

    public static LedgerAccount AccountOf(Tender tender) => tender switch
    {
        Billing.Tender.Cash => LedgerAccount.Cash,
        Billing.Tender.Card => LedgerAccount.Card,
        Billing.Tender.GiftCard => LedgerAccount.GiftCards,
        Billing.Tender.Credit => LedgerAccount.PatientCredit,
        _ => LedgerAccount.Deposits,
    };

    /// <summary>Issuing: the patient owes the total; revenue, tax and tips are owed onwards.</summary>
    public static IReadOnlyList<Posting> ForIssue(InvoiceTotals totals) =>
        Balanced(
            new Posting(LedgerAccount.Receivable, totals.Total),
            new Posting(LedgerAccount.Revenue, -totals.Net),
            new Posting(LedgerAccount.TaxPayable, -totals.Tax),
            new Posting(LedgerAccount.TipsPayable, -totals.Tips));

    public static IReadOnlyList<Posting> ForPayment(Tender tender, long amount) =>
        Balanced(new Posting(AccountOf(tender), amount), new Posting(LedgerAccount.Receivable, -amount));

    public static IReadOnlyList<Posting> ForRefund(Tender tender, long amount) =>
        Balanced(new Posting(LedgerAccount.Refunds, amount), new Posting(AccountOf(tender), -amount));

    /// <summary>
    /// Voiding, once every payment has been given back: what was charged is reversed, what is still owed is forgiven, and
    /// the refunds that gave the payments back are counted as the void's rather than as sales given back.
    /// </summary>
    public static IReadOnlyList<Posting> ForVoid(InvoiceTotals totals, InvoiceBalance balance) =>
        Balanced(
            new Posting(LedgerAccount.Receivable, -balance.Owed),
            new Posting(LedgerAccount.Refunds, -balance.Refunded),
            new Posting(LedgerAccount.Revenue, totals.Net),
            new Posting(LedgerAccount.TaxPayable, totals.Tax),
            new Posting(LedgerAccount.TipsPayable, totals.Tips));

    private static Posting[] Balanced(params Posting[] postings) =>
        postings.Sum(p => p.Amount) == 0 ? postings : throw new InvalidOperationException("A ledger entry must balance to zero.");
}

/// <summary>What an invoice's ledger says: owed, paid, refunded, and each payment with what is left to refund of it.</summary>
public sealed record InvoiceBalance(long Charged, long Paid, long Refunded, long Owed, IReadOnlyList<(LedgerEntry Payment, long Refundable)> Payments)
{
    public static InvoiceBalance Of(IReadOnlyList<LedgerEntry> entries)
    {
        var payments = entries.Where(e => e.Type == LedgerEntryType.Payment).ToList();
        var refunds = entries.Where(e => e.Type == LedgerEntryType.Refund).ToList();
        return new InvoiceBalance(
            entries.Where(e => e.Type == LedgerEntryType.Issued).Sum(e => e.Amount) - entries.Where(e => e.Type == LedgerEntryType.Void).Sum(e => e.Amount),
            payments.Sum(e => e.Amount),
            refunds.Sum(e => e.Amount),
            entries.SelectMany(e => e.Postings).Where(p => p.Account == LedgerAccount.Receivable).Sum(p => p.Amount),
            [.. payments.Select(p => (p, p.Amount - refunds.Where(r => r.RefundOf == p.Id).Sum(r => r.Amount)))]);
    }
}
