using MedSpa.Core.Charts;
using Microsoft.Extensions.Logging;

namespace MedSpa.Functions.Charts;

/// <summary>
/// Charting (spec section 4): templates, a visit's chart started from its appointment, edited as a draft with
/// If-Match, signed, locked, amended and shared; a patient's charts. Every read of a chart is audited; who may do what
/// is <see cref="ChartAccess"/>'s.
/// </summary>
public sealed class ChartFunctions(ReadCharts read, StartChart start, WriteChart write, AddChartTemplate addTemplate, EditChartTemplate editTemplate, ChartStore store, ChartsToSign toSign, FindPatientsByLot byLot)
{
    // Not a paged list: the seven built-in templates and the clinic's few of its own, all at once.
    [Function("GetChartTemplates")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> Templates([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "charts/templates")] HttpRequest request, FunctionContext context) =>
        Responses.Json(new { Items = (await read.TemplatesAsync(context.GetCaller(), context.CancellationToken)).Select(TemplateResponse) });

    [Function("AddChartTemplate")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> AddTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "charts/templates")] HttpRequest request, FunctionContext context) =>
        RequestBody.HandleAsync<ChartTemplateContent>(request, context, async body =>
            Responses.From(await addTemplate.AddAsync(context.GetCaller(), body, context.CancellationToken), d => Responses.Json(TemplateResponse(d.Body), StatusCodes.Status201Created)));

    [Function("GetChartTemplate")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> Template([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "charts/templates/{id}")] HttpRequest request, string id, FunctionContext context)
    {
        var tenantId = context.GetCaller().TenantId;
        return BuiltInChartTemplates.Find(id) is { } builtIn
            ? Responses.Json(TemplateResponse(builtIn))
            : await store.OwnTemplateAsync(tenantId, id, context.CancellationToken) is { } own
                ? Responses.Item(request, own.ETag, TemplateResponse(own.Body))
                : Problems.From(new Error.NotFound($"No chart template with id '{id}' in this clinic."));
    }

    [Function("UpdateChartTemplate")]
    [CallableBy(Role.Admin)]
    public Task<IActionResult> UpdateTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "charts/templates/{id}")] HttpRequest request, string id, FunctionContext context) =>
        RequestBody.HandleAsync<ChartTemplateContent>(request, context, async body =>
            Responses.From(await editTemplate.EditAsync(context.GetCaller(), id, body, Responses.IfMatch(request), context.CancellationToken),
                d => Responses.Item(request, d.ETag, TemplateResponse(d.Body))));

    // Not a paged list: the patients of one lot, for a recall (tens, not thousands).
    [Function("FindPatientsByLot")]
    [CallableBy(Role.Admin)]
    [AuditsReads]
    public async Task<IActionResult> ByLot([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "charts/lots/{lot}")] HttpRequest request, string lot, FunctionContext context) =>
        Responses.From(await byLot.FindAsync(context.GetCaller(), lot, context.CancellationToken), uses => Responses.Json(new
        {
            Items = uses.Select(u => new
            {
                ChartId = u.Chart.Id, u.Chart.PatientId, u.PatientName, VisitStart = u.Chart.VisitStartAtLocation, u.Chart.PractitionerName, u.Chart.ServiceName,
                u.Product, u.Lot, u.Units, u.Millilitres,
            }),
        }));

    // Not a paged list: a practitioner's unsigned charts of the last day or two (an admin's: the clinic's).
    [Function("GetChartsToSign")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> ToSign([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "charts/to-sign")] HttpRequest request, FunctionContext context) =>
        Responses.Json(new
        {
            Items = (await toSign.ListAsync(context.GetCaller(), context.CancellationToken)).Select(c => new
            {
                c.Chart.Id, c.Chart.PatientId, c.Chart.ServiceName, c.Chart.TemplateName, c.Chart.PractitionerName, VisitStart = c.Chart.VisitStartAtLocation,
                LocksAt = Core.Scheduling.ClinicTime.ToIsoString(c.LocksAt, c.Chart.VisitTimeZone),
            }),
        });

    [Function("StartChart")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public Task<IActionResult> Start([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "charts")] HttpRequest request, FunctionContext context) =>
        RequestBody.HandleAsync<StartChartRequest>(request, context, async body =>
            Responses.From(await start.StartAsync(context.GetCaller(), body, context.CancellationToken),
                started => Responses.Item(request, started.Chart.ETag, ChartResponse.From(started.Chart.Body), started.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK)));

    [Function("GetChart")]
    [CallableBy(Role.Admin | Role.Practitioner | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "charts/{id}")] HttpRequest request, string id, FunctionContext context)
    {
        return Responses.From(await read.ChartAsync(context.GetCaller(), id, context.CancellationToken), seen => seen switch
        {
            { Chart: { } chart } => Responses.Item(request, chart.ETag, ChartResponse.From(chart.Body)),
            { Shared: { } shared } => Responses.Json(shared),
            _ => throw new InvalidOperationException("A chart read shows the chart or what was shared of it."),
        });
    }

    [Function("UpdateChart")]
    [CallableBy(Role.Practitioner)]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "charts/{id}")] HttpRequest request, string id, FunctionContext context) =>
        RequestBody.HandleAsync<ChartContent>(request, context, async body =>
            Answer(request, await write.EditAsync(context.GetCaller(), id, body, Responses.IfMatch(request), context.CancellationToken)));

    [Function("SignChart")]
    [CallableBy(Role.Practitioner)]
    public Task<IActionResult> Sign([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "charts/{id}/sign")] HttpRequest request, string id, FunctionContext context) =>
        RequestBody.HandleAsync<SignChartRequest>(request, context, async body =>
            Answer(request, await write.SignAsync(context.GetCaller(), id, body, context.CancellationToken)));

    [Function("LockChart")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> Lock([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "charts/{id}/lock")] HttpRequest request, string id, FunctionContext context) =>
        Answer(request, await write.LockAsync(context.GetCaller(), id, context.CancellationToken));

    [Function("AmendChart")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public Task<IActionResult> Amend([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "charts/{id}/amend")] HttpRequest request, string id, FunctionContext context) =>
        RequestBody.HandleAsync<AmendChartRequest>(request, context, async body =>
            Answer(request, await write.AmendAsync(context.GetCaller(), id, body, context.CancellationToken)));

    [Function("ShareChart")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> Share([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "charts/{id}/share")] HttpRequest request, string id, FunctionContext context) =>
        Query.Text(request, "part") is not (null or "all" or "after-care")
            ? Problems.From(Error.Invalid.Field("part", "all (what was done and the after-care) or after-care."))
            : Answer(request, await write.ShareAsync(context.GetCaller(), id, Query.Text(request, "part") == "after-care", context.CancellationToken));

    [Function("GetPatientCharts")]
    [CallableBy(Role.Admin | Role.Practitioner | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> OfPatient([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "charts/patient/{patientId}")] HttpRequest request, string patientId, FunctionContext context)
    {
        var caller = context.GetCaller();
        return Responses.From(await read.OfPatientAsync(caller, patientId, context.CancellationToken), found => caller.Role == Role.Patient
            ? Responses.Json(new { Items = found.Shared })
            : Responses.Json(new { Items = found.Charts.Select(d => ChartResponse.From(d.Body)) }));
    }

    private static IActionResult Answer(HttpRequest request, Result<Document<Chart>> result) =>
        Responses.From(result, d => Responses.Item(request, d.ETag, ChartResponse.From(d.Body)));

    private static object TemplateResponse(ChartTemplate t) => new { t.Id, t.Name, t.Treatment, t.Diagram, t.Fields, t.BuiltIn, t.LotRequired };
}

/// <summary>Locks drafts past the clinic's deadline, every hour.</summary>
public sealed class LockOverdueChartsTimer(LockOverdueCharts lockOverdue, ILogger<LockOverdueChartsTimer> logger)
{
    [Function("LockOverdueCharts")]
    public async Task Run([TimerTrigger("0 5 * * * *")] TimerInfo timer, FunctionContext context)
    {
        var locked = await lockOverdue.LockAsync(context.CancellationToken);
        if (locked > 0)
        {
            logger.LogInformation("Locked {Count} charts past their deadline", locked);
        }
    }
}
