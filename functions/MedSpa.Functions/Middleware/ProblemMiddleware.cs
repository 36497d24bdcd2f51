using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace MedSpa.Functions.Middleware;

/// <summary>
/// Outermost HTTP middleware. Every API answer: our own correlation id (echoed back; a client's id is kept apart as
/// <see cref="ClientCorrelationHeader"/>, length- and character-limited, for the audit log), no caching of what may
/// be patient data, no content sniffing, and nothing escaping as a bare 500 with a stack trace: unexpected failures are
/// logged with the correlation id and answered as problem+json.
/// </summary>
public sealed partial class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public const string CorrelationHeader = "X-Correlation-Id";
    public const string ClientCorrelationHeader = "X-Client-Correlation-Id";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = FunctionMethods.HttpOf(context);
        var correlationId = context.InvocationId;
        context.Items[CorrelationHeader] = correlationId;
        if (ClientCorrelationId(http.Request) is { } clientId)
        {
            context.Items[ClientCorrelationHeader] = clientId;
        }

        ApiResponseHeaders.Apply(http.Response.Headers);
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

    /// <summary>A caller's own request id, kept only when it is short and plain (letters, digits, - _ . :).</summary>
    private static string? ClientCorrelationId(HttpRequest request) =>
        (request.Headers[ClientCorrelationHeader].FirstOrDefault() ?? request.Headers[CorrelationHeader].FirstOrDefault()) is { Length: > 0 and <= 64 } given
        && PlainId().IsMatch(given) ? given : null;

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial System.Text.RegularExpressions.Regex PlainId();
}
