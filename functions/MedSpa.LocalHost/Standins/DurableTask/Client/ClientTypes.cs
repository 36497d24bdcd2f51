// Stand-ins for the small client data types of Microsoft.DurableTask.Client: OrchestrationRuntimeStatus,
// OrchestrationQuery, PurgeResult, TerminateInstanceOptions and PurgeInstanceOptions.
namespace Microsoft.DurableTask.Client;

public enum OrchestrationRuntimeStatus
{
    Running,
    Completed,
    [Obsolete("The ContinuedAsNew status is obsolete and exists only for compatibility reasons.")]
    ContinuedAsNew,
    Failed,
    [Obsolete("The Canceled status is not currently used and exists only for compatibility reasons.")]
    Canceled,
    Terminated,
    Pending,
    Suspended,
}

public record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null,
    IEnumerable<string>? TaskHubNames = null,
    string? InstanceIdPrefix = null,
    int PageSize = OrchestrationQuery.DefaultPageSize,
    bool FetchInputsAndOutputs = false,
    string? ContinuationToken = null)
{
    public const int DefaultPageSize = 100;
}

public class PurgeResult
{
    public PurgeResult(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        PurgedInstanceCount = count;
    }

    public PurgeResult(int count, bool? isComplete)
        : this(count) => IsComplete = isComplete;

    public int PurgedInstanceCount { get; }

    public bool? IsComplete { get; }
}

public record TerminateInstanceOptions(object? Output = null, bool Recursive = false);

public record PurgeInstanceOptions(bool Recursive = false);
