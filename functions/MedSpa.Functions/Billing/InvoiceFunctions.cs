using MedSpa.Core.Billing;

namespace MedSpa.Functions.Billing;

/// <summary>
/// Invoices at checkout: the desk opens one for a visit (or a retail sale), edits the draft, and reads it; a patient
/// reads their own and downloads it (a receipt once paid) as a PDF; the desk emails it. Money moves through /api/payments.
/// </summary>
public sealed class InvoiceFunctions(OpenInvoice open, InvoiceAccess access, EditInvoice edit, PrintInvoice print, SendInvoice send, VoidInvoice @void, ReadPatientInvoices ofPatient)
{
    [Function("CreateInvoice")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "invoices")] HttpRequest request, FunctionContext context) =>
        RequestBody.HandleAsync<NewInvoiceContract>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var opened = (body.AppointmentId, body.PatientId) switch
            {
                ({ Length: > 0 } appointmentId, null) when body.LocationId is not null =>
                    new Error.Invalid(new Dictionary<string, string[]> { ["locationId"] = ["A visit's invoice is at the visit's location."] }),
                ({ Length: > 0 } appointmentId, null) => await open.ForAppointmentAsync(caller.TenantId, caller.Email, appointmentId, context.CancellationToken),
                (null, { Length: > 0 } patientId) => await open.ForPatientAsync(caller.TenantId, caller.Email, patientId, body.LocationId, context.CancellationToken),
                _ => new Error.Invalid(new Dictionary<string, string[]> { ["appointmentId"] = ["Give the visit's appointmentId, or a patientId for a sale without a visit (not both)."] }),
            };
            if (!opened.IsSuccess)
            {
                return Problems.From(opened.Error);
            }

            var view = await access.ReadAsync(caller, opened.Value.Invoice.Id, context.CancellationToken);
            return Responses.From(view, v => Responses.Item(request, v.Document.ETag, InvoiceResponse.From(v), opened.Value.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK));
        });

    [Function("GetInvoice")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invoices/{id}")] HttpRequest request, string id, FunctionContext context)
    {
        var view = await access.ReadAsync(context.GetCaller(), id, context.CancellationToken);
        return Responses.From(view, v => Responses.Item(request, v.Document.ETag, InvoiceResponse.From(v)));
    }

    [Function("UpdateInvoice")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public async Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "invoices/{id}")] HttpRequest request, string id, FunctionContext context)
    {
        // Whether it exists (for this caller) before what was sent: another clinic's invoice is "not found", whatever the body.
        var exists = await access.ReadAsync(context.GetCaller(), id, context.CancellationToken);
        if (!exists.IsSuccess)
        {
            return Problems.From(exists.Error);
        }

        return await RequestBody.HandleAsync<InvoiceContract>(request, context, async body =>
        {
            var draft = body.ToDraft();
            if (!draft.IsSuccess)
            {
                return Problems.From(draft.Error);
            }

            var edited = await edit.EditAsync(context.GetCaller(), id, draft.Value, Responses.IfMatch(request), context.CancellationToken);
            return Responses.From(edited, v => Responses.Item(request, v.Document.ETag, InvoiceResponse.From(v)));
        });
    }

    [Function("PatientInvoices")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> OfPatient([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/invoices")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await ofPatient.ReadAsync(context.GetCaller(), id, context.CancellationToken),
            views => Responses.Json(new JsonObject { ["items"] = new JsonArray([.. views.Select(v => (JsonNode)InvoiceResponse.From(v))]) }));

    [Function("GetInvoicePdf")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> Pdf([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invoices/{id}/pdf")] HttpRequest request, string id, FunctionContext context)
    {
        var printed = await print.PrintAsync(context.GetCaller(), id, context.CancellationToken);
        if (!printed.IsSuccess)
        {
            return Problems.From(printed.Error);
        }

        // Inline, so the desk's "Print" opens it in the browser's viewer; the name is what "Save" offers.
        var headers = request.HttpContext.Response.Headers;
        headers.ContentDisposition = $"inline; filename=\"{printed.Value.FileName}\"";
        headers.CacheControl = "private, no-store";
        return new FileContentResult(printed.Value.Pdf, "application/pdf");
    }

    [Function("SendInvoice")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public Task<IActionResult> Send([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "invoices/{id}/send")] HttpRequest request, string id, FunctionContext context) =>
        RequestBody.HandleKeyedAsync<SendInvoiceContract>(request, context, async () => (await access.ReadAsync(context.GetCaller(), id, context.CancellationToken)).Error, b => b.IdempotencyKey, async body =>
        {
            var sent = await send.SendAsync(context.GetCaller(), id, body.IdempotencyKey, context.CancellationToken);
            return Responses.From(sent, v => Responses.Item(request, v.Document.ETag, InvoiceResponse.From(v)));
        });

    [Function("VoidInvoice")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public Task<IActionResult> Void([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "invoices/{id}/void")] HttpRequest request, string id, FunctionContext context) =>
        RequestBody.HandleKeyedAsync<VoidInvoiceContract>(request, context, async () => (await access.ReadAsync(context.GetCaller(), id, context.CancellationToken)).Error, b => b.IdempotencyKey, async body =>
        {
            var voided = await @void.VoidAsync(context.GetCaller(), new VoidInput(id, body.Reason, body.IdempotencyKey), context.CancellationToken);
            return Responses.From(voided, v => Responses.Item(request, v.Document.ETag, InvoiceResponse.From(v)));
        });
}
