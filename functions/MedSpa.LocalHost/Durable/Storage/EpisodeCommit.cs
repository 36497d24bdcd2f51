using MedSpa.LocalHost.Durable.History;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;

namespace MedSpa.LocalHost.Durable.Storage;

/// <summary>Everything one orchestration episode changes, written atomically with the other episodes of its batch.</summary>
public sealed class EpisodeCommit
{
    public required string InstanceId { get; init; }

    /// <summary>Inbox rows this episode consumed (deleted on commit).</summary>
    public required IReadOnlyList<long> ConsumedMessageIds { get; init; }

    /// <summary>Events appended to the history, starting at sequence <see cref="HistoryStart"/>.</summary>
    public IReadOnlyList<HistoryEvent> NewHistory { get; init; } = [];

    public int HistoryStart { get; init; }

    /// <summary>True when the history is replaced (ContinueAsNew): old rows are deleted first.</summary>
    public bool ResetHistory { get; init; }

    public OrchestrationRuntimeStatus Status { get; init; }

    public int Generation { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public List<ActivityWorkItem> Activities { get; } = [];

    /// <summary>Messages to other instances or to itself, visible at the given time (timers fire later).</summary>
    public List<(string InstanceId, DateTime VisibleAt, HistoryEvent Event)> Messages { get; } = [];

    /// <summary>Child instances to create (or restart when they exist and are finished).</summary>
    public List<InstanceRecord> NewInstances { get; } = [];

    /// <summary>When the instance is terminated, its queued activities are dropped too.</summary>
    public bool DropActivities { get; init; }

    /// <summary>True when the instance row does not change (e.g. messages for a finished instance are discarded).</summary>
    public bool DiscardOnly { get; init; }
}
