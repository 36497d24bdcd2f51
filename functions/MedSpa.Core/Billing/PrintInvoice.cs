namespace MedSpa.Core.Billing;

/// <summary>An invoice (a receipt once paid) as a PDF, for whoever may read the invoice: printed at the desk, downloaded by the patient.</summary>
public sealed class PrintInvoice(InvoiceAccess access, ClinicStore clinics, ClinicSetupStore setup, IInvoicePdfWriter writer)
{
    public async Task<Result<(byte[] Pdf, string FileName)>> PrintAsync(Caller caller, string invoiceId, CancellationToken ct = default)
    {
        var view = await access.ReadAsync(caller, invoiceId, ct);
        if (!view.IsSuccess)
        {
            return view.Error;
        }

        var document = await DocumentAsync(view.Value, ct);
        return (writer.Write(document), document.FileName);
    }

    public async Task<InvoiceDocument> DocumentAsync(InvoiceView view, CancellationToken ct = default)
    {
        var tenantId = view.Invoice.TenantId;
        var clinic = await clinics.FindAsync(tenantId, ct);
        return InvoiceDocument.From(view, clinic?.Name, await setup.LoadAsync(tenantId, ct));
    }
}
