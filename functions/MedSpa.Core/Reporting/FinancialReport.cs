using MedSpa.Core.Billing;
using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Reporting;

/// <summary>One day of the report, on the location's wall clock.</summary>
public sealed record FinancialDay(string Date, long NetSales, long Tax, long Tips, long Payments, long Refunds);

/// <summary>
/// What the clinic sold and took over a range of days, read from the invoices' ledger (never from invoice documents):
/// net sales after discounts, tax and tips owed onwards, payments and refunds by tender, and the money that came in
/// (a gift card or account credit paying an invoice is not new money: it was taken when the card was sold).
/// </summary>
public sealed record FinancialSummary(
    string From,
    string To,
    string TimeZone,
    string Currency,
    string? LocationId,
    int InvoicesIssued,
    int InvoicesVoided,
    long NetSales,
    long Tax,
    long Tips,
    long Invoiced,
    IReadOnlyDictionary<Tender, long> PaymentsByTender,
    IReadOnlyDictionary<Tender, long> RefundsByTender,
    long MoneyIn,
    IReadOnlyList<FinancialDay> Days);

/// <summary>The financial report for admins: a range of up to a year, for the clinic or one location.</summary>
public sealed class FinancialReport(InvoiceStore invoices, ClinicSetupStore setup)
{
    public const int MaxDays = 366;

    private static readonly Tender[] NewMoney = [Tender.Cash, Tender.Card, Tender.Deposit];

    public async Task<Result<FinancialSummary>> ForRangeAsync(Caller caller, string? from, string? to, string? locationId, CancellationToken ct = default)
    {
        if (caller.Role != Role.Admin)
        {
            return new Error.Forbidden("The financial report is for the clinic's admins.");
        }

        var clinic = await setup.LoadAsync(caller.TenantId, ct);
        var errors = new Dictionary<string, string[]>();
        var first = ParseDay(from, "from", errors);
        var last = ParseDay(to, "to", errors);
        if (first is { } f && last is { } l && (l < f || l.DayNumber - f.DayNumber >= MaxDays))
        {
            errors["to"] = [$"On or after from, at most {MaxDays} days in all."];
        }

        var location = locationId is null ? null : clinic.Location(locationId);
        if (locationId is not null && location is null)
        {
            errors["locationId"] = ["No such location."];
        }

        if (errors.Count > 0)
        {
            return new Error.Invalid(errors);
        }

        // Days are the location's (or, for the whole clinic, its first location's) wall-clock days: converted here, once.
        var zoneId = (location ?? clinic.MainLocation)?.TimeZone is { Length: > 0 } zone ? zone : "UTC";
        var time = ClinicTime.For(zoneId);
        var entries = await invoices.EntriesBetweenAsync(caller.TenantId, time.StartOfDay(first!.Value), time.EndOfDay(last!.Value), ct);
        if (location is not null)
        {
            var atLocation = new Dictionary<string, bool>();
            foreach (var invoiceId in entries.Select(e => e.InvoiceId).Distinct())
            {
                atLocation[invoiceId] = (await invoices.GetAsync(caller.TenantId, invoiceId, ct))?.Body.LocationId == location.Id;
            }

            entries = [.. entries.Where(e => atLocation[e.InvoiceId])];
        }

        long Posted(IEnumerable<LedgerEntry> of, LedgerAccount account) => -of.SelectMany(e => e.Postings).Where(p => p.Account == account).Sum(p => p.Amount);
        IReadOnlyDictionary<Tender, long> ByTender(LedgerEntryType type) => entries.Where(e => e.Type == type && e.Tender is not null)
            .GroupBy(e => e.Tender!.Value).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));

        // A void reverses its invoice's charges: counted with the issued, so a voided sale adds nothing.
        var issued = entries.Where(e => e.Type == LedgerEntryType.Issued).ToList();
        var charges = entries.Where(e => e.Type is LedgerEntryType.Issued or LedgerEntryType.Void).ToList();
        var payments = ByTender(LedgerEntryType.Payment);
        var refunds = ByTender(LedgerEntryType.Refund);
        var days = entries.GroupBy(e => time.LocalDate(e.At)).OrderBy(g => g.Key).Select(g => new FinancialDay(
            g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Posted(g.Where(e => e.Type is LedgerEntryType.Issued or LedgerEntryType.Void), LedgerAccount.Revenue),
            Posted(g.Where(e => e.Type is LedgerEntryType.Issued or LedgerEntryType.Void), LedgerAccount.TaxPayable),
            Posted(g.Where(e => e.Type is LedgerEntryType.Issued or LedgerEntryType.Void), LedgerAccount.TipsPayable),
            g.Where(e => e.Type == LedgerEntryType.Payment).Sum(e => e.Amount),
            g.Where(e => e.Type == LedgerEntryType.Refund).Sum(e => e.Amount))).ToList();
        return new FinancialSummary(
            first.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            last.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            zoneId,
            clinic.Currency,
            location?.Id,
            issued.Count,
            entries.Count(e => e.Type == LedgerEntryType.Void),
            Posted(charges, LedgerAccount.Revenue),
            Posted(charges, LedgerAccount.TaxPayable),
            Posted(charges, LedgerAccount.TipsPayable),
            issued.Sum(e => e.Amount) - charges.Where(e => e.Type == LedgerEntryType.Void).Sum(e => e.Amount),
            payments,
            refunds,
            NewMoney.Sum(t => payments.GetValueOrDefault(t) - refunds.GetValueOrDefault(t)),
            days);
    }

    private static DateOnly? ParseDay(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100)
        {
            return day;
        }

        errors[field] = ["A date like 2026-12-01."];
        return null;
    }
}
