using System.Reflection;
using MedSpa.Core.Access;
using MedSpa.Core.Audit;
using MedSpa.Functions.Access;
using MedSpa.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace MedSpa.Functions.Middleware;

/// <summary>
/// Writes the audit log: every write by a signed-in caller, and every read of a function marked [AuditsReads]
/// (patient data), with who, what, when and the outcome, whether it succeeded or was refused.
/// </summary>
public sealed class AuditMiddleware(AuditTrail trail, TimeProvider clock) : IFunctionsWorkerMiddleware
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
        var http = context.GetHttpContext()!;
        var isWrite = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method);
        var auditsReads = FunctionMethods.Of(context)?.GetCustomAttribute<AuditsReadsAttribute>() is not null;
        if (context.FindCaller() is not { } caller || !(isWrite || auditsReads))
        {
            return;
        }

        var status = context.ResultStatus();
        var at = clock.GetUtcNow();
        var routeValues = http.GetRouteData().Values;
        await trail.RecordAsync(new AuditEntry(
            AuditTrail.NewId(at),
            caller.TenantId,
            at,
            new AuditActor(caller.UserId, caller.Email, RoleNames.ToWire(caller.Role)),
            $"{http.Request.Method} {context.FunctionDefinition.Name}",
            http.Request.Path.Value ?? "",
            routeValues.TryGetValue("id", out var id) ? id?.ToString() : null,
            status < 400 ? "success" : status is 401 or 403 ? "denied" : "failure",
            status,
            context.Items.TryGetValue(ProblemMiddleware.CorrelationHeader, out var correlation) ? correlation as string : null));
    }
}
