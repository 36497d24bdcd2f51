using MedSpa.Core.Orchestrations;
using MedSpa.Core.Patients;
using MedSpa.Functions.Orchestrations;
using MedSpa.Core.Series;

namespace MedSpa.Functions.Series;

/// <summary>Staff plan a treatment series; an orchestration books its sessions and reports what could not be placed.</summary>
public sealed class SeriesFunctions(PlanTreatmentSeries plan)
{
    [Function("StartTreatmentSeries")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Practitioner)]
    public async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "booking/series")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        return await RequestBody.HandleAsync<SeriesRequest>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var series = body;
            var checkedPlan = await plan.CheckAsync(caller.TenantId, series, context.CancellationToken);
            if (!checkedPlan.IsSuccess)
            {
                return Problems.From(checkedPlan.Error);
            }

            var seriesId = $"series-{Guid.NewGuid():N}";
            var instanceId = TreatmentSeriesBooking.InstanceIdFor(caller.TenantId, seriesId);
            await client.ScheduleNewOrchestrationInstanceAsync(TreatmentSeriesBooking.Name, new SeriesInput(caller, series, checkedPlan.Value, seriesId),
                new Microsoft.DurableTask.StartOrchestrationOptions(instanceId), context.CancellationToken);
            return new AcceptedResult($"/api/booking/series/{Uri.EscapeDataString(instanceId)}", new { instanceId, seriesId });
        });
    }

    [Function("GetTreatmentSeries")]
    [CallableBy(Role.Admin | Role.FrontDesk | Role.Practitioner)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "booking/series/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var caller = context.GetCaller();
        var metadata = await client.FindInClinicAsync(caller.TenantId, instanceId, context.CancellationToken);
        if (metadata is null || metadata.Name != TreatmentSeriesBooking.Name)
        {
            return Problems.From(new Error.NotFound($"No treatment series '{instanceId}' in this clinic."));
        }

        return Responses.Json(new JsonObject
        {
            ["instanceId"] = instanceId,
            ["status"] = metadata.RuntimeStatus.ToString(),
            ["progress"] = metadata.ReadCustomStatusAs<string>(),
            ["sessions"] = metadata.SerializedOutput is { } output ? JsonNode.Parse(output) : null,
        });
    }
}
