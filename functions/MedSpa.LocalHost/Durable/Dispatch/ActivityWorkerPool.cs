using System.Collections.Concurrent;
using System.Threading.Channels;
using MedSpa.LocalHost.Durable.History;
using MedSpa.LocalHost.Durable.Registry;
using MedSpa.LocalHost.Durable.Storage;
using Microsoft.DurableTask;

namespace MedSpa.LocalHost.Durable.Dispatch;

/// <summary>
/// Runs activities on a fixed number of workers. An activity's row stays in SQLite until its result is recorded,
/// so an activity interrupted by a crash runs again after restart (at least once, as upstream).
/// Results are queued in memory and written by the dispatcher in batches.
/// </summary>
internal sealed class ActivityWorkerPool(
    DurableFunctionRegistry registry,
    IServiceProvider services,
    EngineSignals signals,
    TimeProvider time,
    ILogger logger)
{
    readonly Channel<ActivityWorkItem> queue = Channel.CreateUnbounded<ActivityWorkItem>();
    readonly ConcurrentQueue<(ActivityWorkItem Item, HistoryEvent Result)> results = new();

    public void Enqueue(ActivityWorkItem item) => queue.Writer.TryWrite(item);

    public List<(ActivityWorkItem Item, HistoryEvent Result)> TakeResults()
    {
        var taken = new List<(ActivityWorkItem, HistoryEvent)>();
        while (results.TryDequeue(out var r))
        {
            taken.Add(r);
        }

        return taken;
    }

    public Task[] Start(int workers, CancellationToken stopping) =>
        Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(() => WorkAsync(stopping), CancellationToken.None)).ToArray();

    async Task WorkAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (ActivityWorkItem item in queue.Reader.ReadAllAsync(stopping))
            {
                HistoryEvent result = await RunAsync(item, stopping);
                if (stopping.IsCancellationRequested)
                {
                    // Shutting down: the row stays, so the activity runs again after restart.
                    return;
                }

                results.Enqueue((item, result));
                signals.NotifyWork();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    async Task<HistoryEvent> RunAsync(ActivityWorkItem item, CancellationToken stopping)
    {
        if (!registry.TryGetActivity(item.Name, out ActivityFunction activity))
        {
            // Upstream's non-retriable "ActivityTaskNotFound" failure (D.5).
            return Failed(item, new TaskFailureDetails("ActivityTaskNotFound", $"No activity task named '{item.Name}' was found.", null, null, null));
        }

        try
        {
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            var context = new LocalActivityContext(item.Name, item.InstanceId);
            object? output = await activity(new ActivityInvocation(context, item.Input, scope.ServiceProvider, stopping));
            return new HistoryEvent { Kind = HistoryEventKind.TaskCompleted, Timestamp = time.GetUtcNow().UtcDateTime, TaskId = item.TaskId, Data = DurableJson.Serialize(output), Generation = item.Generation };
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Activity {Activity} (#{TaskId}) of {InstanceId} failed", item.Name, item.TaskId, item.InstanceId);
            return Failed(item, TaskFailureDetails.FromException(ex));
        }
    }

    HistoryEvent Failed(ActivityWorkItem item, TaskFailureDetails failure) =>
        new() { Kind = HistoryEventKind.TaskFailed, Timestamp = time.GetUtcNow().UtcDateTime, TaskId = item.TaskId, Failure = failure, Generation = item.Generation };

    sealed class LocalActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
