using MedSpa.LocalHost.Durable.History;
using Microsoft.DurableTask;

namespace MedSpa.LocalHost.Durable.Replay;

/// <summary>
/// The TaskOrchestrationContext the engine hands to orchestrators. Every call that schedules something gets the next
/// task id and is recorded as a pending action; the executor then matches pending actions against the history
/// (replay) or records them as new actions. Results come back through <see cref="Apply"/> in history order.
/// </summary>
internal sealed class LocalOrchestrationContext : TaskOrchestrationContext
{
    readonly string? input;
    readonly ILoggerFactory loggerFactory;
    readonly Dictionary<int, OpenTask> openTasks = new();
    readonly SortedDictionary<int, HistoryEvent> pendingActions = new();
    readonly Dictionary<string, Stack<EventWaiter>> waiters = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Queue<string?>> bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    readonly List<(string Name, string? Payload)> arrivalOrder = new();
    int nextTaskId;
    int guidCounter;

    public LocalOrchestrationContext(TaskName name, string instanceId, string? input, ParentOrchestrationInstance? parent, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        Parent = parent;
        this.input = input;
        this.loggerFactory = loggerFactory;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }

    public override ParentOrchestrationInstance? Parent { get; }

    public override DateTime CurrentUtcDateTime => currentUtcDateTime;

    public override bool IsReplaying => isReplaying;

    protected override ILoggerFactory LoggerFactory => loggerFactory;

    internal DateTime currentUtcDateTime;

    internal bool isReplaying;

    internal string? CustomStatus { get; private set; }

    internal bool ContinuedAsNew { get; private set; }

    internal string? ContinueAsNewInput { get; private set; }

    internal bool PreserveUnprocessedEvents { get; private set; }

    /// <summary>Actions the orchestrator requested that the history has not (yet) confirmed.</summary>
    internal IReadOnlyCollection<HistoryEvent> PendingActions => pendingActions.Values;

    /// <summary>True while something durable could still wake the orchestrator (D.2: open timers keep it running).</summary>
    internal bool HasOpenTasks => openTasks.Count > 0;

    internal bool HasActiveWaiters => waiters.Values.Any(stack => stack.Any(w => !w.IsDone));

    public override T? GetInput<T>()
        where T : default => DurableJson.Deserialize<T>(input);

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        if (input is TaskOptions && options is null)
        {
            throw new ArgumentException("A TaskOptions instance was passed as the activity input; pass it as options instead.", nameof(input));
        }

        string? serialized = DurableJson.Serialize(input);
        return WithRetry(name.Name, options?.Retry, () => ScheduleCall<TResult>(HistoryEventKind.TaskScheduled, name.Name, serialized, null));
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        string instanceId = (options as SubOrchestrationOptions)?.InstanceId ?? NewGuid().ToString("N");
        string? serialized = DurableJson.Serialize(input);
        return WithRetry(orchestratorName.Name, options?.Retry, () => ScheduleCall<TResult>(HistoryEventKind.SubOrchestrationCreated, orchestratorName.Name, serialized, instanceId));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        int id = nextTaskId++;
        DateTime utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        pendingActions[id] = new HistoryEvent { Kind = HistoryEventKind.TimerCreated, TaskId = id, FireAt = utc, Name = "timer" };
        var timer = new TimerTask("timer");
        openTasks[id] = timer;
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled timer no longer keeps the instance open; its TimerFired, if it comes, is ignored.
            cancellationToken.Register(() =>
            {
                if (openTasks.Remove(id))
                {
                    timer.Source.TrySetCanceled(cancellationToken);
                }
            });
        }

        return timer.Source.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        // An event that arrived before anyone waited was buffered (FIFO per name); the next waiter takes it (D.3).
        if (bufferedEvents.TryGetValue(eventName, out var buffer) && buffer.Count > 0)
        {
            var ready = new EventWaiter<T>();
            ready.Deliver(buffer.Dequeue());
            return ready.Source.Task;
        }

        var waiter = new EventWaiter<T>();
        if (!waiters.TryGetValue(eventName, out var stack))
        {
            waiters[eventName] = stack = new Stack<EventWaiter>();
        }

        stack.Push(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => waiter.Source.TrySetCanceled(cancellationToken));
        }

        return waiter.Source.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        int id = nextTaskId++;
        pendingActions[id] = new HistoryEvent { Kind = HistoryEventKind.EventSent, TaskId = id, Name = eventName, InstanceId = instanceId, Data = DurableJson.Serialize(payload) };
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatus = DurableJson.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinuedAsNew = true;
        ContinueAsNewInput = DurableJson.Serialize(newInput);
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override Guid NewGuid() => DeterministicGuid.Create(InstanceId, CurrentUtcDateTime, guidCounter++);

    /// <summary>Events that arrived and were never consumed: carried into the next generation by ContinueAsNew (D.8).</summary>
    internal IEnumerable<(string Name, string? Payload)> UnconsumedEvents()
    {
        foreach (var (name, queue) in bufferedEvents)
        {
            foreach (string? payload in queue)
            {
                yield return (name, payload);
            }
        }
    }

    /// <summary>Feeds one history event to the orchestrator. Throws NonDeterministicOrchestrationException on a mismatch.</summary>
    internal void Apply(HistoryEvent e)
    {
        switch (e.Kind)
        {
            case HistoryEventKind.OrchestratorStarted:
                currentUtcDateTime = e.Timestamp;
                break;
            case HistoryEventKind.TaskScheduled or HistoryEventKind.TimerCreated or HistoryEventKind.SubOrchestrationCreated or HistoryEventKind.EventSent:
                MatchAction(e);
                break;
            case HistoryEventKind.TaskCompleted or HistoryEventKind.TaskFailed or HistoryEventKind.TimerFired
                or HistoryEventKind.SubOrchestrationCompleted or HistoryEventKind.SubOrchestrationFailed:
                // Unknown ids are answers to cancelled timers or duplicates of an at-least-once activity: ignored.
                if (openTasks.Remove(e.TaskId, out OpenTask? task))
                {
                    task.Complete(e);
                }

                break;
            case HistoryEventKind.EventRaised:
                DeliverEvent(e.Name ?? string.Empty, e.Data);
                break;
        }
    }

    void MatchAction(HistoryEvent recorded)
    {
        if (!pendingActions.Remove(recorded.TaskId, out HistoryEvent? requested))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration detected in '{Name}' ({InstanceId}): the history says task #{recorded.TaskId} was a " +
                $"{Describe(recorded)}, but on replay the orchestrator did not schedule it. Was the orchestrator code changed while this instance was running?");
        }

        if (requested.Kind != recorded.Kind || !string.Equals(requested.Name, recorded.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration detected in '{Name}' ({InstanceId}): the history says task #{recorded.TaskId} was a " +
                $"{Describe(recorded)}, but on replay the orchestrator scheduled a {Describe(requested)}. Orchestrator code must be deterministic.");
        }
    }

    static string Describe(HistoryEvent e) => e.Kind switch
    {
        HistoryEventKind.TaskScheduled => $"call to activity '{e.Name}'",
        HistoryEventKind.SubOrchestrationCreated => $"call to sub-orchestration '{e.Name}'",
        HistoryEventKind.TimerCreated => "durable timer",
        HistoryEventKind.EventSent => $"sent event '{e.Name}'",
        _ => e.Kind.ToString(),
    };

    void DeliverEvent(string name, string? payload)
    {
        // Newest waiter first (LIFO, as upstream); cancelled waiters never consume an event.
        if (waiters.TryGetValue(name, out var stack))
        {
            while (stack.Count > 0)
            {
                EventWaiter waiter = stack.Pop();
                if (!waiter.IsDone)
                {
                    waiter.Deliver(payload);
                    return;
                }
            }
        }

        if (!bufferedEvents.TryGetValue(name, out var queue))
        {
            bufferedEvents[name] = queue = new Queue<string?>();
        }

        queue.Enqueue(payload);
    }

    Task<T> ScheduleCall<T>(HistoryEventKind kind, string name, string? serializedInput, string? subInstanceId)
    {
        int id = nextTaskId++;
        pendingActions[id] = new HistoryEvent { Kind = kind, TaskId = id, Name = name, Data = serializedInput, InstanceId = subInstanceId };
        var call = new CallTask<T>(name);
        openTasks[id] = call;
        return call.Task;
    }

    Task<T> WithRetry<T>(string name, TaskRetryOptions? retry, Func<Task<T>> attempt) => retry switch
    {
        { Policy: { } policy } => RetryWithPolicy(policy, attempt),
        { Handler: { } handler } => RetryWithHandler(handler, attempt),
        _ => attempt(),
    };

    // DTFx's RetryInterceptor (D.6): the delay before retry n is first × coefficient^(n-1), capped, as a durable timer.
    async Task<T> RetryWithPolicy<T>(RetryPolicy policy, Func<Task<T>> attempt)
    {
        DateTime firstAttemptAt = CurrentUtcDateTime;
        for (int attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException ex) when (!IsNonRetriable(ex))
            {
                TimeSpan delay = RetryDelay(policy, attemptNumber, firstAttemptAt, ex);
                if (delay <= TimeSpan.Zero)
                {
                    // DTFx records a zero-delay "dummy" timer before giving up; keep histories shaped like upstream's.
                    await CreateTimer(CurrentUtcDateTime, CancellationToken.None);
                    throw;
                }

                await CreateTimer(CurrentUtcDateTime.Add(delay), CancellationToken.None);
            }
        }
    }

    TimeSpan RetryDelay(RetryPolicy policy, int attemptNumber, DateTime firstAttemptAt, TaskFailedException failure)
    {
        if (attemptNumber >= policy.MaxNumberOfAttempts || !policy.Handle(failure))
        {
            return TimeSpan.Zero;
        }

        if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && CurrentUtcDateTime >= firstAttemptAt.Add(policy.RetryTimeout))
        {
            return TimeSpan.Zero;
        }

        double ticks = policy.FirstRetryInterval.Ticks * Math.Pow(policy.BackoffCoefficient, attemptNumber - 1);
        if (policy.MaxRetryInterval != Timeout.InfiniteTimeSpan)
        {
            ticks = Math.Min(ticks, policy.MaxRetryInterval.Ticks);
        }

        return TimeSpan.FromTicks((long)Math.Min(ticks, TimeSpan.MaxValue.Ticks));
    }

    // Custom handlers (D.7): no built-in delay; the handler may await a durable timer itself.
    async Task<T> RetryWithHandler<T>(AsyncRetryHandler handler, Func<Task<T>> attempt)
    {
        DateTime start = CurrentUtcDateTime;
        for (int failures = 1; ; failures++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException ex) when (!IsNonRetriable(ex))
            {
                if (!await handler(new RetryContext(this, failures, ex.FailureDetails, CurrentUtcDateTime - start, CancellationToken.None)))
                {
                    throw;
                }
            }
        }
    }

    static bool IsNonRetriable(TaskFailedException ex) =>
        ex.FailureDetails.ErrorType is "ActivityTaskNotFound" or "OrchestratorTaskNotFound";
}
