using MedSpa.Core.Orchestrations;
using MedSpa.Functions.Orchestrations;

namespace MedSpa.Functions.Admin;

/// <summary>
/// Lets a clinic's admins find and end their stuck orchestrations. Only instances whose id starts with the clinic's
/// tenant id are visible; anyone else's look like they do not exist.
/// </summary>
public sealed class OrchestrationAdmin(TimeProvider clock)
{
    public sealed record TerminateRequest(string? Reason);

    [Function("ListOrchestrations")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/orchestrations")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var caller = context.GetCaller();
        var pageSize = Query.WholeNumber(request, "pageSize", 50);
        var from = Instant(request, "createdFrom");
        var to = Instant(request, "createdTo");
        var status = Status(request);
        foreach (var result in new Error?[] { pageSize.Error, from.Error, to.Error, status.Error })
        {
            if (result is not null)
            {
                return Problems.From(result);
            }
        }

        if (pageSize.Value is < 1 or > 500)
        {
            return Problems.From(Error.Invalid.Field("pageSize", "Between 1 and 500."));
        }

        // The local engine's token is the last instance id returned, so a genuine one always carries the clinic's prefix.
        var continuation = Query.Text(request, "continuationToken");
        if (continuation is not null && !InstanceIds.BelongsTo(continuation, caller.TenantId))
        {
            return Problems.From(Error.Invalid.Field("continuationToken", "The continuation token is not valid for this query."));
        }

        var name = Query.Text(request, "name");
        var query = new OrchestrationQuery(
            CreatedFrom: from.Value,
            CreatedTo: to.Value,
            Statuses: status.Value is { } s ? [s] : null,
            InstanceIdPrefix: InstanceIds.PrefixOf(caller.TenantId),
            PageSize: pageSize.Value,
            ContinuationToken: continuation);

        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(query.ContinuationToken, query.PageSize))
        {
            // The Durable Task query has no name filter; filtering the page keeps paging honest (a page may be shorter).
            var items = page.Values.Where(m => name is null || string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)).Select(m => Describe(m, false));
            return Responses.Json(new JsonObject { ["items"] = new JsonArray([.. items]), ["continuationToken"] = page.ContinuationToken });
        }

        return Responses.Json(new JsonObject { ["items"] = new JsonArray(), ["continuationToken"] = null });
    }

    [Function("GetOrchestration")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/orchestrations/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var metadata = await FindAsync(client, context.GetCaller(), instanceId, context.CancellationToken);
        return metadata is null ? NotFound(instanceId) : Responses.Json(Describe(metadata, true));
    }

    [Function("TerminateOrchestration")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Terminate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/orchestrations/{instanceId}/terminate")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        return await RequestBody.HandleAsync<TerminateRequest>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var metadata = await FindAsync(client, caller, instanceId, context.CancellationToken);
            if (metadata is null)
            {
                return NotFound(instanceId);
            }

            var reason = body.Reason?.Trim();
            if (string.IsNullOrEmpty(reason) || reason.Length > 500)
            {
                return Problems.From(Error.Invalid.Field("reason", "Say why (at most 500 characters): it is kept with the instance."));
            }

            if (metadata.IsCompleted)
            {
                return Problems.From(new Error.Conflict($"The instance already ended ({metadata.RuntimeStatus})."));
            }

            await client.TerminateInstanceAsync(instanceId, $"{reason} (by {caller.Email})", context.CancellationToken);
            return new AcceptedResult();
        });
    }

    [Function("RunDailySummaryNow")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> RunDailySummary(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/daily-summary")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var instanceId = await DailyClinicSummary.StartAsync(client, context.GetCaller().TenantId, today, context.CancellationToken);
        return new AcceptedResult($"/api/admin/orchestrations/{Uri.EscapeDataString(instanceId)}", new { instanceId });
    }

    private static Task<OrchestrationMetadata?> FindAsync(DurableTaskClient client, Caller caller, string instanceId, CancellationToken ct) =>
        client.FindInClinicAsync(caller.TenantId, instanceId, ct);

    private static ObjectResult NotFound(string instanceId) =>
        Problems.From(new Error.NotFound($"No orchestration '{instanceId}' in this clinic."));

    private static JsonObject Describe(OrchestrationMetadata m, bool withData)
    {
        var json = new JsonObject
        {
            ["instanceId"] = m.InstanceId,
            ["name"] = m.Name,
            ["status"] = m.RuntimeStatus.ToString(),
            ["createdAt"] = m.CreatedAt,
            ["updatedAt"] = m.LastUpdatedAt,
            ["customStatus"] = Parse(m.SerializedCustomStatus),
        };
        if (withData)
        {
            json["input"] = Parse(m.SerializedInput);
            json["output"] = Parse(m.SerializedOutput);
            json["failure"] = m.FailureDetails is { } f ? new JsonObject { ["errorType"] = f.ErrorType, ["message"] = f.ErrorMessage } : null;
        }

        return json;
    }

    private static JsonNode? Parse(string? json)
    {
        try
        {
            return json is null ? null : JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }

    private static Result<DateTimeOffset?> Instant(HttpRequest request, string name) =>
        Query.Text(request, name) is not { } raw ? (DateTimeOffset?)null
        : ApiDates.TryParseInstant(raw, out var value) ? value
        : Error.Invalid.Field(name, ApiDates.InstantMessage);

    private static Result<OrchestrationRuntimeStatus?> Status(HttpRequest request) =>
        Query.Text(request, "status") is not { } raw ? (OrchestrationRuntimeStatus?)null
        : Enum.TryParse<OrchestrationRuntimeStatus>(raw, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : Error.Invalid.Field("status", "One of Running, Completed, Failed, Terminated, Pending.");
}
