using System.Collections.Concurrent;
using System.Reflection;

namespace MedSpa.Functions.Http;

/// <summary>Finds the method behind a function from its definition's entry point (works on both hosts).</summary>
public static class FunctionMethods
{
    private static readonly ConcurrentDictionary<string, MethodInfo?> Cache = new();

    public static MethodInfo? Of(FunctionContext context) => Cache.GetOrAdd(context.FunctionDefinition.EntryPoint, Resolve);

    /// <summary>
    /// Whether the HTTP middleware (problems, audit, access) applies. It fails closed: a request that arrived over HTTP
    /// (the ASP.NET Core integration put its HttpContext on the context) is checked even if its binding metadata were
    /// wrong, so a host that mis-describes a function can never skip the access check.
    /// </summary>
    public static bool IsHttp(FunctionContext context) =>
        context.GetHttpContext() is not null
        || context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase));

    /// <summary>The request behind an HTTP function, for the HTTP middleware (which <see cref="IsHttp"/> admits).</summary>
    public static HttpContext HttpOf(FunctionContext context) =>
        context.GetHttpContext() ?? throw new InvalidOperationException($"'{context.FunctionDefinition.Name}' was described as HTTP but carries no HTTP request.");

    private static MethodInfo? Resolve(string entryPoint)
    {
        var split = entryPoint.LastIndexOf('.');
        var type = typeof(FunctionMethods).Assembly.GetType(entryPoint[..split]);
        return type?.GetMethod(entryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
    }
}
