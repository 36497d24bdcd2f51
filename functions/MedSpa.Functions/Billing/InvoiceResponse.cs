using MedSpa.Core.Billing;

namespace MedSpa.Functions.Billing;

/// <summary>An invoice on the wire: its lines with their arithmetic, its totals, and what its ledger says (paid, refunded, owed).</summary>
public static class InvoiceResponse
{
    public static JsonObject From(InvoiceView view)
    {
        var invoice = view.Invoice;
        var totals = view.Totals;
        var balance = view.Balance;
        var status = invoice.Status == InvoiceStatus.Open && balance.Paid > 0 ? "partial" : WireNames.Of(invoice.Status);
        var refunds = view.Entries.Where(e => e.Type == LedgerEntryType.Refund).ToList();
        return new JsonObject
        {
            ["id"] = invoice.Id,
            ["invoiceNumber"] = invoice.DisplayNumber,
            ["patientId"] = invoice.PatientId,
            ["patientName"] = invoice.PatientName,
            ["appointmentId"] = invoice.AppointmentId,
            ["locationId"] = invoice.LocationId,
            ["currency"] = invoice.Currency,
            ["status"] = status,
            ["lines"] = new JsonArray([.. invoice.Lines.Select(line =>
            {
                var t = totals.Lines.First(l => l.LineId == line.Id);
                return (JsonNode)new JsonObject
                {
                    ["id"] = line.Id,
                    ["kind"] = WireNames.Of(line.Kind),
                    ["description"] = line.Description,
                    ["quantity"] = line.Quantity,
                    ["unitPrice"] = line.UnitPrice,
                    ["taxable"] = line.Taxable,
                    ["productId"] = line.ProductId,
                    ["practitionerId"] = line.PractitionerId,
                    ["discount"] = Discount(line.Discount),
                    ["gross"] = t.Gross,
                    ["discountTotal"] = t.LineDiscount + t.InvoiceDiscountShare,
                    ["net"] = t.Net,
                    ["tax"] = t.TaxTotal,
                };
            })]),
            ["discount"] = Discount(invoice.Discount),
            ["tips"] = new JsonArray([.. invoice.Tips.Select(t => (JsonNode)new JsonObject { ["practitionerId"] = t.PractitionerId, ["amount"] = t.Amount })]),
            ["taxRates"] = new JsonArray([.. invoice.TaxRates.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["name"] = r.Name,
                ["percent"] = r.Percent,
                ["amount"] = totals.Lines.Sum(l => l.Tax.GetValueOrDefault(r.Id)),
            })]),
            ["totals"] = new JsonObject
            {
                ["subtotal"] = totals.Subtotal,
                ["discounts"] = totals.Discounts,
                ["tax"] = totals.Tax,
                ["tips"] = totals.Tips,
                ["total"] = totals.Total,
                ["paid"] = balance.Paid,
                ["refunded"] = balance.Refunded,
                ["balance"] = invoice.Status == InvoiceStatus.Draft ? totals.Total : balance.Owed,
            },
            ["payments"] = new JsonArray([.. balance.Payments.Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.Payment.Id,
                ["tender"] = p.Payment.Tender is { } tender ? WireNames.Of(tender) : null,
                ["amount"] = p.Payment.Amount,
                ["refundable"] = p.Refundable,
                ["at"] = p.Payment.At,
                ["by"] = p.Payment.By,
                ["reference"] = p.Payment.Reference,
            })]),
            ["refunds"] = new JsonArray([.. refunds.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["paymentId"] = r.RefundOf,
                ["tender"] = r.Tender is { } tender ? WireNames.Of(tender) : null,
                ["amount"] = r.Amount,
                ["reason"] = r.Note,
                ["lineId"] = r.LineId,
                ["at"] = r.At,
                ["by"] = r.By,
            })]),
            ["notes"] = invoice.Notes,
            ["voidReason"] = invoice.VoidReason,
            ["createdAt"] = invoice.CreatedAt,
            ["issuedAt"] = invoice.IssuedAt,
        };
    }

    private static JsonObject? Discount(Discount? discount) => discount is null
        ? null
        : new JsonObject { ["kind"] = WireNames.Of(discount.Kind), ["value"] = discount.Value, ["reason"] = discount.Reason };
}
