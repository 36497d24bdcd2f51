using MedSpa.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace MedSpa.Functions.Middleware;

/// <summary>
/// Outermost HTTP middleware: gives each request a correlation id (echoed back) and makes sure nothing escapes as a
/// bare 500 with a stack trace. Unexpected failures are logged with the correlation id and answered as problem+json.
/// </summary>
public sealed class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext()!;
        var correlationId = http.Request.Headers[CorrelationHeader].FirstOrDefault() is { Length: > 0 and <= 64 } given ? given : context.InvocationId;
        context.Items[CorrelationHeader] = correlationId;
        http.Response.Headers[CorrelationHeader] = correlationId;
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e)
        {
            context.GetInvocationResult().Value = Problems.Create(e.StatusCode, "Bad request", e.Message);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "Function {Function} failed (correlation {CorrelationId})", context.FunctionDefinition.Name, correlationId);
            context.GetInvocationResult().Value = Problems.Create(StatusCodes.Status500InternalServerError, "Something went wrong",
                $"The request could not be completed. Quote correlation id {correlationId} to support.");
        }
    }
}
