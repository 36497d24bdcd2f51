using System.Globalization;
using MedSpa.Core.Booking;
using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Billing;

/// <summary>A row of a printed invoice: words and amounts already written for a reader.</summary>
public sealed record InvoiceDocumentLine(string Description, string Detail, string Amount);

/// <summary>A labelled amount under the lines (subtotal, a tax, a payment, what is owed).</summary>
public sealed record InvoiceDocumentAmount(string Label, string Amount, bool Strong = false);

/// <summary>
/// What a printed or emailed invoice says, worked out once from the invoice, its ledger and the clinic, so the PDF only
/// lays it out. It is a receipt once nothing is owed. Dates are the location's wall-clock dates.
/// </summary>
public sealed record InvoiceDocument(
    string Title,
    string ClinicName,
    IReadOnlyList<string> ClinicLines,
    string Number,
    string Date,
    string PatientName,
    IReadOnlyList<InvoiceDocumentLine> Lines,
    IReadOnlyList<InvoiceDocumentAmount> Totals,
    IReadOnlyList<InvoiceDocumentAmount> Payments,
    InvoiceDocumentAmount Balance,
    string? Notes)
{
    public string FileName => $"{(Title == "Receipt" ? "receipt" : "invoice")}-{Number}.pdf";

    public static InvoiceDocument From(InvoiceView view, string? clinicName, ClinicSetup setup)
    {
        var invoice = view.Invoice;
        var totals = view.Totals;
        var location = setup.Location(invoice.LocationId) ?? setup.MainLocation;
        var time = ClinicTime.TryFor(location?.TimeZone);
        string Money(long amount) => new Money(amount, invoice.Currency).ToDisplay();
        string Day(DateTimeOffset at) => (time?.LocalDate(at) ?? DateOnly.FromDateTime(at.UtcDateTime)).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

        var lines = invoice.Lines.Select(line =>
        {
            var t = totals.Lines.First(l => l.LineId == line.Id);
            var quantity = line.Quantity.ToString("0.##", CultureInfo.InvariantCulture);
            var one = line.Quantity == 1;
            var unit = line.Kind switch
            {
                LineKind.Neurotoxin => one ? "unit" : "units",
                LineKind.Filler => one ? "syringe" : "syringes",
                LineKind.Retail => one ? "item" : "items",
                _ => "×",
            };
            var detail = one && line.Kind is LineKind.Service or LineKind.Other
                ? Money(line.UnitPrice)
                : $"{quantity} {unit} at {Money(line.UnitPrice)}";
            var discount = t.LineDiscount + t.InvoiceDiscountShare;
            if (discount > 0)
            {
                detail += $", less {Money(discount)}";
            }

            return new InvoiceDocumentLine(line.Description, detail, Money(t.Net));
        }).ToList();

        var amounts = new List<InvoiceDocumentAmount> { new("Subtotal", Money(totals.Subtotal)) };
        if (totals.Discounts > 0)
        {
            amounts.Add(new($"Discounts{(invoice.Discount is { } d ? $" ({d.Reason})" : "")}", $"−{Money(totals.Discounts)}"));
        }

        amounts.AddRange(invoice.TaxRates
            .Select(rate => (rate, amount: totals.Lines.Sum(l => l.Tax.GetValueOrDefault(rate.Id))))
            .Where(x => x.amount != 0)
            .Select(x => new InvoiceDocumentAmount($"{x.rate.Name} ({x.rate.Percent.ToString("0.###", CultureInfo.InvariantCulture)} %)", Money(x.amount))));
        if (totals.Tips > 0)
        {
            amounts.Add(new("Tips", Money(totals.Tips)));
        }

        amounts.Add(new("Total", Money(totals.Total), Strong: true));

        var payments = view.Entries
            .Where(e => e.Type is LedgerEntryType.Payment or LedgerEntryType.Refund)
            .Select(e => new InvoiceDocumentAmount(
                $"{(e.Type == LedgerEntryType.Refund ? "Refunded to " : "Paid by ")}{TenderName(e.Tender)}"
                    + (invoice.Lines.FirstOrDefault(l => l.Id == e.LineId) is { } line ? $" ({line.Description})" : "") + $", {Day(e.At)}",
                e.Type == LedgerEntryType.Refund ? $"−{Money(e.Amount)}" : Money(e.Amount)))
            .ToList();
        var owed = view.OwedNow;
        var isReceipt = invoice.Status == InvoiceStatus.Paid;
        return new InvoiceDocument(
            isReceipt ? "Receipt" : invoice.Status == InvoiceStatus.Void ? "Void invoice" : "Invoice",
            string.IsNullOrWhiteSpace(clinicName) ? location?.Name ?? "" : clinicName,
            [.. new[] { location?.Name == clinicName ? null : location?.Name, AppointmentCalendarEntry.AddressLine(location?.Address), location?.Phone }
                .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!)],
            invoice.DisplayNumber,
            Day(invoice.IssuedAt ?? invoice.CreatedAt),
            invoice.PatientName ?? "",
            lines,
            amounts,
            payments,
            new InvoiceDocumentAmount(owed > 0 ? "Balance due" : "Nothing owed", Money(Math.Max(0, owed)), Strong: true),
            invoice.Notes);
    }

    private static string TenderName(Tender? tender) => tender switch
    {
        Tender.Cash => "cash",
        Tender.Card => "card",
        Tender.GiftCard => "gift card",
        Tender.Credit => "account credit",
        Tender.Deposit => "deposit",
        _ => "payment",
    };
}

/// <summary>Lays an invoice out as a PDF (PDFsharp in the infrastructure).</summary>
public interface IInvoicePdfWriter
{
    byte[] Write(InvoiceDocument document);
}
