using MedSpa.Core.Patients;

namespace MedSpa.Core.Billing;

/// <summary>
/// A patient's invoices, newest first, with what each still owes: the desk and admins see all of them, drafts too; a
/// patient sees their own once issued (a draft is still being put together at the desk). Practitioners do not handle
/// money here. Someone else's record is "not found", as the record itself would be.
/// </summary>
public sealed class ReadPatientInvoices(InvoiceStore invoices, PatientAccess access)
{
    public async Task<Result<IReadOnlyList<InvoiceView>>> ReadAsync(Caller caller, string patientId, CancellationToken ct = default)
    {
        if (caller.Role is not (Role.Admin or Role.FrontDesk or Role.Patient))
        {
            return new Error.Forbidden("Invoices are read by the desk, admins and the patient.");
        }

        if ((caller.Role == Role.Patient && caller.PatientId != patientId) || !(await access.OpenAsync(caller, patientId, ct)).IsSuccess)
        {
            return new Error.NotFound("No such patient.");
        }

        var views = new List<InvoiceView>();
        foreach (var document in await invoices.ForPatientAsync(caller.TenantId, patientId, ct))
        {
            var invoice = document.Body;
            if (caller.Role == Role.Patient && invoice.Status is InvoiceStatus.Draft or InvoiceStatus.Void)
            {
                continue;
            }

            var entries = await invoices.EntriesAsync(caller.TenantId, invoice.Id, ct);
            views.Add(new InvoiceView(document, invoice.Totals, InvoiceBalance.Of(entries), entries));
        }

        return views;
    }
}
