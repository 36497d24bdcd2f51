namespace MedSpa.LocalHost.Durable.Replay;

/// <summary>
/// Runs orchestrator continuations one at a time on the thread that runs the episode, in the order they were posted,
/// so orchestrator code is single-threaded and deterministic. A continuation posted from any other thread means the
/// orchestrator awaited something that is not a durable task (Task.Delay, IO...): it is recorded and the episode fails
/// with upstream's illegal-await error (D.13) instead of resuming on a random thread.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    readonly Queue<(SendOrPostCallback Callback, object? State)> queue = new();
    readonly Thread owner = Thread.CurrentThread;
    volatile bool closed;

    public bool IllegalAwaitDetected { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (closed || Thread.CurrentThread != owner)
        {
            IllegalAwaitDetected = true;
            return;
        }

        queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) => Post(d, state);

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations until the orchestrator is blocked on durable tasks again.</summary>
    public void Pump()
    {
        while (queue.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }

    /// <summary>After the episode, late continuations are dropped: the next episode replays from history anyway.</summary>
    public void Close() => closed = true;
}
