using MedSpa.Core.Forms;

namespace MedSpa.Functions.Forms;

/// <summary>
/// Intake forms and consents (docs/forms-api.md): the builder's forms and versions (admins), filling and signing
/// (the patient, a parent, or staff with the patient), sending (staff), and a patient's forms on their record.
/// </summary>
public sealed class FormFunctions(
    FormStore forms, SaveForm save, PublishForm publish, SubmitForm submit, SendForm send, ReadPatientForms patientForms, ReadFormSubmissions submissions,
    Events.DomainEventPublisher events, TimeProvider clock)
{
    [Function("ListForms")]
    [CallableBy(Role.Staff)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms")] HttpRequest request, FunctionContext context)
    {
        var kind = Query.Text(request, "kind");
        var wanted = WireNames.Parse<FormKind>(kind);
        if (kind is not null && wanted is null)
        {
            return Problems.From(Error.Invalid.Field("kind", "One of intake, consent or photoRelease."));
        }

        var pageSize = Query.WholeNumber(request, "pageSize", 100);
        if (!pageSize.IsSuccess)
        {
            return Problems.From(pageSize.Error);
        }

        return Responses.From(await forms.PageAsync(context.GetCaller().TenantId, wanted, pageSize.Value, Query.Text(request, "continuationToken"), context.CancellationToken),
            page => Responses.Page(page, d => FormSummaryResponse.From(d.Body)));
    }

    [Function("CreateForm")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "forms")] HttpRequest request, FunctionContext context) =>
        await RequestBody.HandleAsync<FormContent>(request, context, async body =>
            Responses.From(await save.CreateAsync(context.GetCaller(), body, context.CancellationToken), d => Responses.Item(request, d.ETag, FormResponse.From(d), StatusCodes.Status201Created)));

    [Function("GetForm")]
    [CallableBy(Role.Staff)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/{id}")] HttpRequest request, string id, FunctionContext context) =>
        await forms.GetAsync(context.GetCaller().TenantId, id, context.CancellationToken) is { } form
            ? Responses.Item(request, form.ETag, FormResponse.From(form))
            : Problems.From(SaveForm.NotFound(id));

    [Function("UpdateForm")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "forms/{id}")] HttpRequest request, string id, FunctionContext context) =>
        await RequestBody.HandleAsync<FormContent>(request, context, async body =>
            Responses.From(await save.UpdateAsync(context.GetCaller(), id, body, Responses.IfMatch(request), context.CancellationToken), d => Responses.Item(request, d.ETag, FormResponse.From(d))));

    [Function("PublishForm")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Publish([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "forms/{id}/publish")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await publish.PublishAsync(context.GetCaller(), id, context.CancellationToken), d => Responses.Item(request, d.ETag, FormResponse.From(d)));

    [Function("GetFormVersion")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> Version([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/{id}/versions/{version}")] HttpRequest request, string id, string version, FunctionContext context) =>
        Responses.From(await publish.ReadVersionAsync(context.GetCaller(), id, version, context.CancellationToken), v => Responses.Json(FormVersionResponse.From(v)));

    [Function("SubmitForm")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> Submit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "forms/{id}/submit")] HttpRequest request, string id,
        [Microsoft.Azure.Functions.Worker.DurableClient] Microsoft.DurableTask.Client.DurableTaskClient client, FunctionContext context) =>
        await RequestBody.HandleAsync<SubmitFormRequest>(request, context, async body =>
        {
            var submitted = await submit.SubmitAsync(context.GetCaller(), id, body, RequestOrigin.Of(request), context.CancellationToken);
            await events.PublishAsync(client, context.CancellationToken);
            return await Responses.FromAsync(submitted, async d =>
            {
                // The desk may hand a patient the tablet for a medical history without being allowed to read it back.
                var readable = await patientForms.ReadSubmissionAsync(context.GetCaller(), d.Body.PatientId, d.Id, context.CancellationToken);
                return readable.IsSuccess
                    ? Responses.Json(SubmissionResponse.From(readable.Value.Submission, readable.Value.Content), StatusCodes.Status201Created)
                    : Responses.Json(SubmissionSummaryResponse.From(d.Body, clock.GetUtcNow()), StatusCodes.Status201Created);
            });
        });

    [Function("SendForm")]
    [CallableBy(Role.Staff)]
    public async Task<IActionResult> Send([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "forms/{id}/send")] HttpRequest request, string id, FunctionContext context) =>
        await RequestBody.HandleAsync<SendFormRequest>(request, context, async body =>
            Responses.From(await send.SendAsync(context.GetCaller(), id, body, context.CancellationToken),
                sent => Responses.Json(new { sent.Id, SentAt = sent.RequestedAt, Link = SendForm.LinkTo(sent.FormId, sent.AppointmentId) }, StatusCodes.Status202Accepted)));

    [Function("FormSubmissions")]
    [CallableBy(Role.Admin)]
    [AuditsReads]
    public async Task<IActionResult> Submissions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/{id}/submissions")] HttpRequest request, string id, FunctionContext context)
    {
        var pageSize = Query.WholeNumber(request, "pageSize", 50);
        if (!pageSize.IsSuccess)
        {
            return Problems.From(pageSize.Error);
        }

        var now = clock.GetUtcNow();
        return Responses.From(await submissions.ReadAsync(context.GetCaller(), id, pageSize.Value, Query.Text(request, "continuationToken"), context.CancellationToken),
            page => Responses.Json(new { Items = page.Items.Select(i => SubmissionSummaryResponse.From(i.Submission, now, i.PatientName)), page.ContinuationToken }));
    }

    [Function("PatientForms")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> OfPatient([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/forms")] HttpRequest request, string id, FunctionContext context)
    {
        var now = clock.GetUtcNow();
        return Responses.From(await patientForms.ReadAsync(context.GetCaller(), id, context.CancellationToken), view => Responses.Json(new
        {
            Outstanding = view.Outstanding.Select(OutstandingFormResponse.From),
            Submissions = view.Submissions.Select(s => SubmissionSummaryResponse.From(s, now)),
        }));
    }

    [Function("PatientFormSubmission")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> Submission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/forms/{submissionId}")] HttpRequest request, string id, string submissionId, FunctionContext context) =>
        Responses.From(await patientForms.ReadSubmissionAsync(context.GetCaller(), id, submissionId, context.CancellationToken),
            signed => Responses.Json(SubmissionResponse.From(signed.Submission, signed.Content)));
}
