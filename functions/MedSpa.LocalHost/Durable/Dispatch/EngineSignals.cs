using System.Collections.Concurrent;

namespace MedSpa.LocalHost.Durable.Dispatch;

/// <summary>
/// In-process wake-ups between the client, the activity workers and the dispatcher, so new work is picked up at once
/// rather than at the next poll; and per-instance change notices so client waits don't hammer SQLite.
/// </summary>
public sealed class EngineSignals : IDisposable
{
    readonly SemaphoreSlim workAvailable = new(0, 1);
    readonly ConcurrentDictionary<string, TaskCompletionSource> instanceWatchers = new(StringComparer.Ordinal);

    public void NotifyWork()
    {
        try
        {
            if (workAvailable.CurrentCount == 0)
            {
                workAvailable.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public void Dispose() => workAvailable.Dispose();

    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellation) => workAvailable.WaitAsync(timeout, cancellation);

    /// <summary>A task that completes at the next change of this instance's status.</summary>
    public Task WaitForInstanceChangeAsync(string instanceId) =>
        instanceWatchers.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void NotifyInstanceChanged(string instanceId)
    {
        if (instanceWatchers.TryRemove(instanceId, out TaskCompletionSource? tcs))
        {
            tcs.TrySetResult();
        }
    }
}
