using MedSpa.Core.Audit;

namespace MedSpa.Functions.Audit;

/// <summary>The clinic's audit log, newest first. Read-only: there is deliberately no route that changes an entry.</summary>
public sealed class AuditLog(AuditStore trail)
{
    [Function("ListAudit")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest request, FunctionContext context)
    {
        var pageSize = Query.WholeNumber(request, "pageSize", 50);
        if (!pageSize.IsSuccess)
        {
            return Problems.From(pageSize.Error);
        }

        var page = await trail.ListAsync(context.GetCaller(), pageSize.Value, Query.Text(request, "continuationToken"), context.CancellationToken);
        return Responses.From(page, p => Responses.Page(p, AuditEntryResponse.From));
    }
}
