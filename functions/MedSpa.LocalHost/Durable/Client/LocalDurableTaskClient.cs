using MedSpa.LocalHost.Durable.Dispatch;
using MedSpa.LocalHost.Durable.History;
using MedSpa.LocalHost.Durable.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;

namespace MedSpa.LocalHost.Durable.Client;

/// <summary>
/// The DurableTaskClient that <c>[DurableClient]</c> parameters receive: reads and writes the engine's SQLite store
/// directly and wakes the engine. Semantics follow upstream (D.9, D.10): unknown ids give null, events to finished or
/// unknown instances and terminating a finished instance are silently ignored.
/// </summary>
public sealed class LocalDurableTaskClient(SqliteDurableStore store, EngineSignals signals, LocalDurableOptions options, TimeProvider? time = null)
    : DurableTaskClient("local")
{
    readonly TimeProvider time = time ?? TimeProvider.System;

    DateTime Now => time.GetUtcNow().UtcDateTime;

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name, nameof(orchestratorName));
        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        DateTime now = Now;
        DateTime startAt = options?.StartAt?.UtcDateTime is { } at && at > now ? at : now;
        if (!store.TryCreateInstance(instanceId, orchestratorName.Name, DurableJson.Serialize(input), now, startAt))
        {
            // Upstream throws OrchestrationAlreadyExistsException (DurableTask.Core), a type we do not declare.
            throw new InvalidOperationException($"An orchestration with the instance ID '{instanceId}' already exists and is not finished.");
        }

        signals.NotifyWork();
        return Task.FromResult(instanceId);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var message = new HistoryEvent { Kind = HistoryEventKind.EventRaised, Timestamp = Now, Name = eventName, Data = DurableJson.Serialize(eventPayload) };
        if (store.TryEnqueueForLiveInstance(instanceId, message, Now))
        {
            signals.NotifyWork();
        }

        return Task.CompletedTask;
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var message = new HistoryEvent { Kind = HistoryEventKind.ExecutionTerminated, Timestamp = Now, Data = DurableJson.Serialize(options?.Output) };
        if (store.TryEnqueueForLiveInstance(instanceId, message, Now))
        {
            signals.NotifyWork();
        }

        return Task.CompletedTask;
    }

    // Suspend and resume are not part of the local engine yet (no MedSpa orchestration uses them): say so plainly
    // rather than pretend. Durable/README.md lists it under "Not covered".
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("The local durable engine does not support suspending an orchestration.");

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("The local durable engine does not support resuming an orchestration.");

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, status => status != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, status => status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated, cancellation);

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        InstanceRecord? record = store.GetInstance(instanceId);
        return Task.FromResult(record is null ? null : ToMetadata(record, getInputsAndOutputs));
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        OrchestrationQuery query = filter ?? new OrchestrationQuery();
        return Pageable.Create<OrchestrationMetadata>((token, _, _) =>
        {
            var (rows, next) = store.Query(query, token ?? query.ContinuationToken);
            return Task.FromResult(new Page<OrchestrationMetadata>(rows.Select(r => ToMetadata(r, query.FetchInputsAndOutputs)).ToList(), next));
        });
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return Task.FromResult(new PurgeResult(store.Purge(instanceId) ? 1 : 0));
    }

    /// <summary>How many history events the instance's current generation has (tests use it to check ContinueAsNew).</summary>
    public int GetHistoryLength(string instanceId) => store.CountHistory(instanceId);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationRuntimeStatus, bool> done, CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();

            // Subscribe before reading, so a change between the read and the wait is not missed.
            Task changed = signals.WaitForInstanceChangeAsync(instanceId);
            InstanceRecord? record = store.GetInstance(instanceId);
            if (record is not null && done(record.Status))
            {
                return ToMetadata(record, getInputsAndOutputs);
            }

            // The poll bounds the wait in case the change came from elsewhere (another process on the same file).
            await Task.WhenAny(changed, Task.Delay(options.PollingInterval, cancellation)).WaitAsync(cancellation);
        }
    }

    static OrchestrationMetadata ToMetadata(InstanceRecord r, bool withData) => new(r.Name, r.InstanceId)
    {
        RuntimeStatus = r.Status,
        CreatedAt = new DateTimeOffset(r.CreatedAt, TimeSpan.Zero),
        LastUpdatedAt = new DateTimeOffset(r.UpdatedAt, TimeSpan.Zero),
        SerializedInput = withData ? r.Input : null,
        SerializedOutput = withData ? r.Output : null,
        SerializedCustomStatus = withData ? r.CustomStatus : null,
        FailureDetails = r.Failure,
        DataConverter = withData ? DurableJson.Converter : null,
    };
}
