using MedSpa.LocalHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Http;

/// <summary>
/// Maps each [HttpTrigger] function to an ASP.NET Core endpoint under the route prefix, as the Functions host does,
/// and plays the part of FunctionsHttpProxyingMiddleware: the function's IActionResult is written to the response.
/// </summary>
internal static class HttpTriggerEndpoints
{
    public static void Map(WebApplication app, IEnumerable<FunctionDescriptor> functions, FunctionExecutionDelegate pipeline, string routePrefix)
    {
        foreach (var function in functions)
        {
            if (function.HttpRoute is null)
            {
                continue;
            }

            app.MapMethods(RouteOf(function, routePrefix), [.. function.HttpMethods], http => InvokeAsync(http, function, pipeline)).WithDisplayName(function.Name);
        }
    }

    internal static string RouteOf(FunctionDescriptor function, string routePrefix) =>
        "/" + string.Join('/', new[] { routePrefix.Trim('/'), function.HttpRoute! }.Where(s => s.Length > 0));

    internal static async Task InvokeAsync(HttpContext http, FunctionDescriptor function, FunctionExecutionDelegate pipeline)
    {
        var context = new LocalFunctionContext(function, http.RequestServices, http.RequestAborted);
        context.Items[LocalFunctionContext.HttpContextKey] = http;
        foreach (var (key, value) in http.GetRouteData().Values)
        {
            context.BindingData[key] = value;
        }

        await pipeline(context);

        if (context.GetInvocationResult().Value is { } result && !http.Response.HasStarted)
        {
            await WriteAsync(http, result);
        }
    }

    private static Task WriteAsync(HttpContext http, object result) => result switch
    {
        IActionResult action => action.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor())),
        IResult minimal => minimal.ExecuteAsync(http),
        _ => http.Response.WriteAsJsonAsync(result, result.GetType()),
    };
}
