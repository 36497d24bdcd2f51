using Microsoft.DurableTask;
namespace MedSpa.LocalHost.Durable.History;

/// <summary>What happened to an orchestration instance, in the order it happened (the Durable Task "history").</summary>
public enum HistoryEventKind
{
    ExecutionStarted,
    OrchestratorStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubOrchestrationCreated,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    EventRaised,
    EventSent,
    ExecutionTerminated,
}

/// <summary>
/// One history event or inbox message. A single flat shape (rather than a class per kind) keeps the SQLite rows
/// one JSON column and the serializer free of polymorphism; unused fields are simply null and not written.
/// </summary>
public sealed record HistoryEvent
{
    public HistoryEventKind Kind { get; init; }

    /// <summary>When the event was recorded (UTC). For OrchestratorStarted this is the episode's CurrentUtcDateTime.</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>Sequence number of the scheduled task this event schedules or completes; -1 when not a task event.</summary>
    public int TaskId { get; init; } = -1;

    /// <summary>Activity, orchestrator or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Serialized input, result, payload or output.</summary>
    public string? Data { get; init; }

    public DateTime? FireAt { get; init; }

    /// <summary>The sub-orchestration's instance id, or the target of a sent event.</summary>
    public string? InstanceId { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    /// <summary>
    /// On messages: the execution (generation) of the instance they answer. ContinueAsNew starts a new generation,
    /// and late answers for the old one (a discarded timer, say) must not complete a new task with the same id.
    /// Null for messages that belong to whichever generation is current (external events, terminate).
    /// </summary>
    public int? Generation { get; init; }
}
