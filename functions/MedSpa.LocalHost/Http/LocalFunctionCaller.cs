using System.Text;
using MedSpa.LocalHost.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Http;

/// <summary>
/// Calls an HTTP function in process, through the same worker middleware pipeline as a request from outside would
/// take. Static Web Apps calls the app's rolesSource function server-side; this is how LocalHost does the same.
/// Only literal routes (no {parameters}) are looked up, which is all a rolesSource needs.
/// </summary>
public sealed class LocalFunctionCaller
{
    private readonly IServiceProvider _services;
    private readonly IReadOnlyList<(string Route, IReadOnlyList<string> Methods, FunctionDescriptor Function)> _routes;
    private readonly FunctionExecutionDelegate _pipeline;

    internal LocalFunctionCaller(IServiceProvider services, IEnumerable<FunctionDescriptor> functions, FunctionExecutionDelegate pipeline, string routePrefix)
    {
        _services = services;
        _pipeline = pipeline;
        _routes = [.. functions
            .Where(f => f.HttpRoute is not null)
            .Select(f => (HttpTriggerEndpoints.RouteOf(f, routePrefix), f.HttpMethods, f))];
    }

    public async Task<(int Status, string Body)> CallAsync(string method, string path, IReadOnlyDictionary<string, string> headers, string body, CancellationToken ct)
    {
        var (_, _, function) = _routes.FirstOrDefault(r => string.Equals(r.Route, path, StringComparison.OrdinalIgnoreCase) && r.Methods.Contains(method, StringComparer.OrdinalIgnoreCase));
        if (function is null)
        {
            return (StatusCodes.Status404NotFound, "");
        }

        await using var scope = _services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = ct };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        http.Request.ContentLength = http.Request.Body.Length;
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }

        var response = new MemoryStream();
        http.Response.Body = response;
        await HttpTriggerEndpoints.InvokeAsync(http, function, _pipeline);
        return (http.Response.StatusCode, Encoding.UTF8.GetString(response.ToArray()));
    }
}
