using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace MedSpa.Durable.Conformance.Tests;

/// <summary>
/// What the Azure Functions Durable extension hands an <c>[OrchestrationTrigger]</c> function: Microsoft.DurableTask's
/// context, except that <see cref="GetInput{T}"/> converts the input (which the engine read as a JsonElement) to the
/// type the function asks for. Without it, the bare engine's GetInput&lt;T&gt; only casts, and function-style
/// orchestrators could not run on it. Every other member passes straight through.
/// </summary>
internal sealed class FunctionsOrchestrationContext(TaskOrchestrationContext inner, object? input) : TaskOrchestrationContext
{
    public override TaskName Name => inner.Name;

    public override string InstanceId => inner.InstanceId;

    public override ParentOrchestrationInstance? Parent => inner.Parent;

    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public override bool IsReplaying => inner.IsReplaying;

    public override ILoggerFactory ReplaySafeLoggerFactory => inner.ReplaySafeLoggerFactory;

    protected override ILoggerFactory LoggerFactory => inner.ReplaySafeLoggerFactory;

    public override T? GetInput<T>()
        where T : default => input switch
        {
            null => default,
            JsonElement json => json.Deserialize<T>(),
            T typed => typed,
            _ => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(input)),
        };

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) =>
        inner.CallActivityAsync<TResult>(name, input, options);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override void SendEvent(string instanceId, string eventName, object payload) => inner.SendEvent(instanceId, eventName, payload);

    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => inner.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() => inner.NewGuid();
}
