using MedSpa.LocalHost.Durable.History;
using Microsoft.DurableTask;

namespace MedSpa.LocalHost.Durable.Replay;

/// <summary>A durable task the orchestrator is waiting on: completed by the history event that answers it.</summary>
internal abstract class OpenTask(string name)
{
    public string Name { get; } = name;

    public abstract void Complete(HistoryEvent e);
}

/// <summary>An activity or sub-orchestration call: a result, or a failure surfaced as TaskFailedException (D.5).</summary>
internal sealed class CallTask<T>(string name) : OpenTask(name)
{
    readonly TaskCompletionSource<T> source = new();

    public Task<T> Task => source.Task;

    public override void Complete(HistoryEvent e)
    {
        if (e.Kind is HistoryEventKind.TaskFailed or HistoryEventKind.SubOrchestrationFailed)
        {
            source.TrySetException(new TaskFailedException(Name, e.TaskId, e.Failure ?? new TaskFailureDetails("(unknown)", "(unknown)", null, null, null)));
            return;
        }

        try
        {
            source.TrySetResult(DurableJson.Deserialize<T>(e.Data)!);
        }
        catch (Exception ex)
        {
            source.TrySetException(ex);
        }
    }
}

internal sealed class TimerTask(string name) : OpenTask(name)
{
    public TaskCompletionSource Source { get; } = new();

    public override void Complete(HistoryEvent e) => Source.TrySetResult();
}

/// <summary>A WaitForExternalEvent call; each waiter can be cancelled independently.</summary>
internal abstract class EventWaiter
{
    public abstract bool IsDone { get; }

    public abstract void Deliver(string? payload);
}

internal sealed class EventWaiter<T> : EventWaiter
{
    public TaskCompletionSource<T> Source { get; } = new();

    public override bool IsDone => Source.Task.IsCompleted;

    public override void Deliver(string? payload)
    {
        try
        {
            Source.TrySetResult(DurableJson.Deserialize<T>(payload)!);
        }
        catch (Exception ex)
        {
            Source.TrySetException(ex);
        }
    }
}
