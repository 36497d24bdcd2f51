using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;

namespace MedSpa.LocalHost.Durable.Storage;

/// <summary>The instances table row: an orchestration's status and latest input, output and custom status.</summary>
public sealed record InstanceRecord(
    string InstanceId,
    string Name,
    OrchestrationRuntimeStatus Status,
    int Generation,
    string? Input,
    string? Output,
    string? CustomStatus,
    TaskFailureDetails? Failure,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? ParentInstanceId,
    string? ParentName,
    int ParentTaskId,
    int ParentGeneration)
{
    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}

/// <summary>An inbox message: a history event waiting to be processed by its instance's next episode.</summary>
public sealed record InboxMessage(long Id, string InstanceId, History.HistoryEvent Event);

/// <summary>An activity waiting to run (a row in the activities table until its result is recorded).</summary>
public sealed record ActivityWorkItem(long Id, string InstanceId, int Generation, int TaskId, string Name, string? Input);
