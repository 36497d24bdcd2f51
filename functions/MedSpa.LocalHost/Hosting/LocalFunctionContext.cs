using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Hosting;

internal sealed class LocalFunctionContext(FunctionDescriptor function, IServiceProvider services, CancellationToken cancellationToken) : FunctionContext
{
    private readonly CancellationToken _cancellationToken = cancellationToken;

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => function.Id;

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => function;

    public FunctionDescriptor Function => function;

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override CancellationToken CancellationToken => _cancellationToken;

    /// <summary>Values bound to parameters by name (route values, timer info), filled by the trigger's host.</summary>
    public Dictionary<string, object?> BindingData { get; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class LocalInvocationResult : InvocationResult
{
    public override object? Value { get; set; }
}
