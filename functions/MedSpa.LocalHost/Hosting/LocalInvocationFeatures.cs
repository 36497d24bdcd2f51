using System.Collections;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Hosting;

/// <summary>
/// The invocation's features. The one that matters is the worker's bindings feature: the public
/// <c>FunctionContext.GetInvocationResult()</c> reads and writes the function's result through it, and the app's
/// middleware uses that documented API to answer early or read the outcome.
/// <para>
/// That feature's interface (Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature) is internal
/// to Microsoft.Azure.Functions.Worker.Core and has no public factory, so LocalHost implements it with a
/// <see cref="DispatchProxy"/> found by name. This is the only place LocalHost reaches past the public API; the package
/// version is pinned, and LocalHost's tests fail if the interface moves or changes shape.
/// </para>
/// </summary>
internal sealed class LocalInvocationFeatures : IInvocationFeatures
{
    internal const string BindingsFeatureTypeName =
        "Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature, Microsoft.Azure.Functions.Worker.Core";

    private static readonly Type BindingsFeatureType = Type.GetType(BindingsFeatureTypeName, throwOnError: true)!;

    private readonly Dictionary<Type, object> _features = [];

    public LocalInvocationFeatures(IDictionary<string, object?> inputData)
    {
        var bindings = DispatchProxy.Create(BindingsFeatureType, typeof(BindingsFeatureProxy));
        ((BindingsFeatureProxy)bindings).InputData = inputData.AsReadOnly();
        _features[BindingsFeatureType] = bindings;
    }

    public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

    public void Set<T>(T instance) => _features[typeof(T)] = instance ?? throw new ArgumentNullException(nameof(instance));

    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Holds the invocation result and the input data; LocalHost has no output bindings.</summary>
    public class BindingsFeatureProxy : DispatchProxy
    {
        private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>().AsReadOnly();
        private readonly Dictionary<string, object?> _outputBindingData = [];

        internal IReadOnlyDictionary<string, object?> InputData { get; set; } = Empty;

        internal object? InvocationResult { get; private set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_InvocationResult" => InvocationResult,
            "set_InvocationResult" => InvocationResult = args![0],
            "get_InputData" => InputData,
            "get_TriggerMetadata" => InputData,
            "get_OutputBindingData" => _outputBindingData,
            "get_OutputBindingsInfo" => null,
            _ => throw new NotSupportedException($"LocalHost does not implement {targetMethod?.Name} of the worker's bindings feature."),
        };
    }
}
