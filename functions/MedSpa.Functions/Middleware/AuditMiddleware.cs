using System.Reflection;
using MedSpa.Core.Audit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace MedSpa.Functions.Middleware;

/// <summary>
/// Writes the audit log: every write by a signed-in caller, every read of a function marked [AuditsReads] (patient
/// data), and every refusal (401/403) of a caller we know, reads included, with who, what, when and the outcome.
/// A refusal of someone we cannot place in a clinic (no or bad token, unlinked sign-in) has no clinic log to go to:
/// it is written to the security log instead.
/// </summary>
public sealed class AuditMiddleware(AuditStore trail, TimeProvider clock, ILogger<AuditMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        finally
        {
            await RecordAsync(context);
        }
    }

    private async Task RecordAsync(FunctionContext context)
    {
        var http = FunctionMethods.HttpOf(context);
        var isWrite = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method);
        var auditsReads = FunctionMethods.Of(context)?.GetCustomAttribute<AuditsReadsAttribute>() is not null;
        var status = context.ResultStatus();
        var refused = status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden;
        if (!(isWrite || auditsReads || refused))
        {
            return;
        }

        var correlationId = context.Items.TryGetValue(ProblemMiddleware.CorrelationHeader, out var correlation) ? correlation as string : null;
        if (context.FindCaller() is not { } caller)
        {
            if (refused)
            {
                logger.LogWarning("Refused {Method} {Path} ({Function}) with {Status} for {User} (correlation {CorrelationId})",
                    http.Request.Method, http.Request.Path.Value, context.FunctionDefinition.Name, status,
                    context.FindSignedInUser()?.Email ?? "an unidentified caller", correlationId);
            }

            return;
        }

        var at = clock.GetUtcNow();
        var routeValues = http.GetRouteData().Values;
        await trail.RecordAsync(new AuditEntry(
            AuditStore.NewId(at),
            caller.TenantId,
            at,
            new AuditActor(caller.UserId, caller.Email, RoleNames.ToWire(caller.Role)),
            $"{http.Request.Method} {context.FunctionDefinition.Name}",
            http.Request.Path.Value ?? "",
            routeValues.TryGetValue("id", out var id) ? id?.ToString() : null,
            status < 400 ? "success" : refused ? "denied" : "failure",
            status,
            correlationId,
            ClientCorrelationId: context.Items.TryGetValue(ProblemMiddleware.ClientCorrelationHeader, out var client) ? client as string : null));
    }
}
