using System.Text.Json.Serialization;
using MedSpa.Core.Billing;

namespace MedSpa.Functions.Billing;

public sealed record DiscountContract([property: JsonRequired] string Kind, [property: JsonRequired] decimal Value, [property: JsonRequired] string Reason);

public sealed record InvoiceLineContract(
    [property: JsonRequired] string Id,
    [property: JsonRequired] string Kind,
    [property: JsonRequired] string Description,
    [property: JsonRequired] decimal Quantity,
    [property: JsonRequired] long UnitPrice,
    [property: JsonRequired] bool Taxable,
    string? ProductId,
    string? PractitionerId,
    DiscountContract? Discount);

/// <summary>POST /api/invoices/{id}/send: the key makes a retried send email once.</summary>
public sealed record SendInvoiceContract([property: JsonRequired] string IdempotencyKey);

/// <summary>POST /api/invoices/{id}/void: why, and a key so a retry gives nothing back twice.</summary>
public sealed record VoidInvoiceContract([property: JsonRequired] string Reason, [property: JsonRequired] string IdempotencyKey);

public sealed record TipContract([property: JsonRequired] string PractitionerId, [property: JsonRequired] long Amount);

/// <summary>A draft on the wire (PUT /api/invoices/{id}): amounts in integer minor units, kinds by their wire names.</summary>
public sealed record InvoiceContract([property: JsonRequired] IReadOnlyList<InvoiceLineContract?> Lines, DiscountContract? Discount, IReadOnlyList<TipContract?>? Tips, string? Notes)
{
    public Result<InvoiceDraft> ToDraft()
    {
        var errors = new Dictionary<string, string[]>();
        var lines = new List<InvoiceLine>();
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i] is not { } line)
            {
                errors[$"lines[{i}]"] = ["A line cannot be empty."];
                continue;
            }

            var kind = WireNames.Parse<LineKind>(line.Kind);
            if (kind is null)
            {
                errors[$"lines[{i}].kind"] = ["One of service, neurotoxin, filler, retail, other."];
            }

            var discount = Parse(line.Discount, $"lines[{i}].discount", errors);
            lines.Add(new InvoiceLine(line.Id, kind ?? LineKind.Other, line.Description, line.Quantity, line.UnitPrice, line.Taxable, line.ProductId, line.PractitionerId, discount));
        }

        var whole = Parse(Discount, "discount", errors);
        var tips = new List<Tip>();
        for (var i = 0; i < (Tips?.Count ?? 0); i++)
        {
            if (Tips![i] is not { } tip)
            {
                errors[$"tips[{i}]"] = ["A tip cannot be empty."];
                continue;
            }

            tips.Add(new Tip(tip.PractitionerId, tip.Amount));
        }

        return errors.Count > 0 ? new Error.Invalid(errors) : new InvoiceDraft(lines, whole, tips, Notes);
    }

    private static Discount? Parse(DiscountContract? discount, string field, Dictionary<string, string[]> errors)
    {
        if (discount is null)
        {
            return null;
        }

        if (WireNames.Parse<DiscountKind>(discount.Kind) is not { } kind)
        {
            errors[$"{field}.kind"] = ["percent or fixed."];
            return null;
        }

        return new Discount(kind, discount.Value, discount.Reason);
    }
}

/// <summary>POST /api/invoices: for a visit (its appointment) or for a patient alone (a retail sale).</summary>
/// <summary>POST /api/invoices: a visit's invoice, or a sale to a patient (at a location; the clinic's first when none is named).</summary>
public sealed record NewInvoiceContract(string? AppointmentId, string? PatientId, string? LocationId);

/// <summary>POST /api/payments.</summary>
public sealed record PaymentContract(
    [property: JsonRequired] string InvoiceId,
    [property: JsonRequired] string Tender,
    [property: JsonRequired] long Amount,
    long? Tendered,
    [property: JsonRequired] string IdempotencyKey);

/// <summary>POST /api/payments/refund.</summary>
public sealed record RefundContract(
    [property: JsonRequired] string InvoiceId,
    [property: JsonRequired] string PaymentId,
    long? Amount,
    [property: JsonRequired] string Reason,
    [property: JsonRequired] string IdempotencyKey,
    string? LineId = null,
    bool AsCredit = false);
