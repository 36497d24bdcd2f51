using FluentValidation;

namespace MedSpa.Core.Billing;

/// <summary>
/// The desk changes a draft at checkout: lines (products from the clinic's price list keep their listed price unless
/// the desk discounts them, with a reason), discounts, tips for the visit's practitioners, notes. Saved with the version
/// the desk's page read.
/// </summary>
public sealed class EditInvoice(InvoiceStore invoices, InvoiceAccess access, BillingSettingsStore settings, ClinicSetupStore setup, IValidator<InvoiceDraft> validator, TimeProvider clock)
{
    public async Task<Result<InvoiceView>> EditAsync(Caller caller, string invoiceId, InvoiceDraft draft, string? ifMatch, CancellationToken ct = default)
    {
        var read = await access.ReadAsync(caller, invoiceId, ct);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        if (caller.Role == Role.Patient)
        {
            return new Error.Forbidden("Only the clinic changes an invoice.");
        }

        var validation = await validator.ValidateAsync(draft, ct);
        if (!validation.IsValid)
        {
            return FieldErrors.From(validation);
        }

        var products = (await settings.GetAsync(caller.TenantId, ct)).Body.Products;
        var staff = (await setup.LoadAsync(caller.TenantId, ct)).Staff;
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var line = draft.Lines[i];
            if (line.ProductId is { } productId && products.FirstOrDefault(p => p.Id == productId) is not { } product)
            {
                errors[$"lines[{i}].productId"] = ["This product is not on the clinic's price list."];
            }
            else if (line.ProductId is not null && products.First(p => p.Id == line.ProductId).Price.Currency != read.Value.Document.Body.Currency)
            {
                errors[$"lines[{i}].productId"] = ["This product is priced in another currency."];
            }

            if (line.PractitionerId is { } who && !staff.Any(s => s.Id == who))
            {
                errors[$"lines[{i}].practitionerId"] = ["No such practitioner."];
            }
        }

        for (var i = 0; i < draft.Tips.Count; i++)
        {
            if (!staff.Any(s => s.Id == draft.Tips[i].PractitionerId))
            {
                errors[$"tips[{i}].practitionerId"] = ["No such practitioner."];
            }
        }

        if (errors.Count > 0)
        {
            return new Error.Invalid(errors);
        }

        if (string.IsNullOrEmpty(ifMatch))
        {
            return new Error.VersionRequired("Send the invoice's version (If-Match) so that no one else's change is lost.");
        }

        var edited = read.Value.Document.Body.Edit(draft, clock.GetUtcNow());
        if (!edited.IsSuccess)
        {
            return edited.Error;
        }

        try
        {
            var saved = await invoices.SaveAsync(edited.Value, ifMatch, ct);
            return read.Value with { Document = saved, Totals = saved.Body.Totals };
        }
        catch (DocumentStaleException)
        {
            return new Error.Stale("Someone else changed this invoice. Reload it and try again.");
        }
    }
}
