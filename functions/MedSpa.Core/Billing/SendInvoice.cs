using MedSpa.Core.Notifications;
using MedSpa.Core.Patients;

namespace MedSpa.Core.Billing;

/// <summary>
/// The desk emails an invoice (or, once paid, its receipt) to the patient: a draft is issued first, so what is sent is
/// what is owed. The email goes through the patient outbox with the PDF attached; the same key sends it once.
/// </summary>
public sealed class SendInvoice(InvoiceAccess access, IssueInvoice issue, PatientStore patients, PatientNoticeStore notices, PrintInvoice print, TimeProvider clock)
{
    public async Task<Result<InvoiceView>> SendAsync(Caller caller, string invoiceId, string idempotencyKey, CancellationToken ct = default)
    {
        var view = await access.ReadAsync(caller, invoiceId, ct);
        if (!view.IsSuccess || caller.Role is not (Role.Admin or Role.FrontDesk))
        {
            return view.IsSuccess ? new Error.NotFound("No such invoice.") : view.Error;
        }

        var invoice = view.Value.Invoice;
        var patient = await patients.GetAsync(caller.TenantId, invoice.PatientId, ct);
        if (string.IsNullOrWhiteSpace(patient?.Email))
        {
            return new Error.Conflict($"{invoice.PatientName ?? "The patient"} has no email address on file. Add one to their record, or print the invoice.");
        }

        if (invoice.Status == InvoiceStatus.Void)
        {
            return new Error.Conflict($"{invoice.DisplayNumber} was voided, so there is nothing to send.");
        }

        var issued = invoice.Status == InvoiceStatus.Draft ? await issue.IssueAsync(caller, view.Value, ct) : view.Value;
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        var document = await print.DocumentAsync(issued.Value, ct);
        var balance = issued.Value.OwedNow > 0 ? $"{document.Balance.Label}: {document.Balance.Amount}. Pay it from My account, or at your next visit." : "Thank you — nothing is owed.";
        await notices.RecordAsync(new PatientNotice(
            $"{invoiceId}:sent:{idempotencyKey}",
            caller.TenantId,
            invoice.PatientId,
            $"Your {document.Title.ToLowerInvariant()} {document.Number} from {document.ClinicName}",
            $"Hello {patient!.DisplayName}, your {document.Title.ToLowerInvariant()} {document.Number} of {document.Date} is attached. {balance}",
            clock.GetUtcNow(),
            invoiceId), ct);
        return issued;
    }
}
