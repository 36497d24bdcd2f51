using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Hosting;

/// <summary>
/// The FunctionContext that LocalHost hands to the worker middleware and to functions, for every kind of trigger.
/// Binding data (route values, timer info) is what the trigger's host filled in; the invocation result lives in the
/// worker's bindings feature (see <see cref="LocalInvocationFeatures"/>), so the public GetInvocationResult() works.
/// </summary>
internal sealed class LocalFunctionContext : FunctionContext
{
    /// <summary>
    /// Where the ASP.NET Core integration keeps the HttpContext in <see cref="Items"/>, so that the public
    /// <c>GetHttpContext()</c> finds it. Upstream declares it internal (Worker.Extensions.Http.AspNetCore
    /// Constants.HttpContextKey); there is no public way to set it, so the value is repeated here and the package
    /// version is pinned in Directory.Packages.props. A LocalHost test fails if upstream renames it.
    /// </summary>
    internal const string HttpContextKey = "HttpRequestContext";

    private readonly CancellationToken _cancellationToken;
    private readonly LocalBindingContext _bindingContext = new();

    public LocalFunctionContext(FunctionDefinition definition, IServiceProvider services, CancellationToken cancellationToken)
    {
        FunctionDefinition = definition;
        InstanceServices = services;
        _cancellationToken = cancellationToken;
        Features = new LocalInvocationFeatures(_bindingContext.Data);
        TraceContext = new LocalTraceContext(Activity.Current);
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext { get; }

    public override BindingContext BindingContext => _bindingContext;

    public override RetryContext RetryContext { get; } = new NoRetries();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; }

    public override CancellationToken CancellationToken => _cancellationToken;

    /// <summary>Values bound to parameters by name (route values, timer info), filled by the trigger's host.</summary>
    public IDictionary<string, object?> BindingData => _bindingContext.Data;

    private sealed class LocalBindingContext : BindingContext
    {
        public Dictionary<string, object?> Data { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override IReadOnlyDictionary<string, object?> BindingData => Data;
    }

    private sealed class NoRetries : RetryContext
    {
        public override int RetryCount => 0;

        public override int MaxRetryCount => 0;
    }

    private sealed class LocalTraceContext(Activity? activity) : TraceContext
    {
        public override string TraceParent { get; } = activity?.Id ?? string.Empty;

        public override string TraceState { get; } = activity?.TraceStateString ?? string.Empty;

        public override IReadOnlyDictionary<string, string> Attributes => ImmutableDictionary<string, string>.Empty;
    }
}
