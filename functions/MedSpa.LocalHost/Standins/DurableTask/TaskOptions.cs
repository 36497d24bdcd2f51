// Stand-ins for TaskOptions, SubOrchestrationOptions and StartOrchestrationOptions (Microsoft.DurableTask.Abstractions).
// Only the members MedSpa uses; versioning members are left out.
using System.Collections.Immutable;

namespace Microsoft.DurableTask;

public record TaskOptions
{
    public TaskOptions(TaskRetryOptions? retry)
        : this(retry, null)
    {
    }

    public TaskOptions(TaskRetryOptions? retry = null, IDictionary<string, string>? tags = null)
    {
        Retry = retry;
        Tags = tags;
    }

    public TaskOptions(TaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Retry = options.Retry;
        Tags = options.Tags;
    }

    public TaskRetryOptions? Retry { get; init; }

    public IDictionary<string, string>? Tags { get; init; }

    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);

    public static TaskOptions FromRetryHandler(AsyncRetryHandler handler) => new(handler);

    public static TaskOptions FromRetryHandler(RetryHandler handler) => new(handler);

    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this, instanceId);
}

public record SubOrchestrationOptions : TaskOptions
{
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    public SubOrchestrationOptions(TaskOptions options, string? instanceId = null)
        : base(options)
    {
        // Keep the instance id of a SubOrchestrationOptions being copied unless a new one is given.
        InstanceId = instanceId ?? (options as SubOrchestrationOptions)?.InstanceId;
    }

    public SubOrchestrationOptions(SubOrchestrationOptions options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(options);
        InstanceId = options.InstanceId;
    }

    public string? InstanceId { get; init; }
}

public record StartOrchestrationOptions
{
#pragma warning disable SA1313 // PascalCase parameters mirror upstream's positional-record compatibility ctor.
    public StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
#pragma warning restore SA1313
    {
        this.InstanceId = InstanceId;
        this.StartAt = StartAt;
    }

    public StartOrchestrationOptions(StartOrchestrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        InstanceId = options.InstanceId;
        StartAt = options.StartAt;
        Tags = options.Tags;
    }

    public string? InstanceId { get; init; }

    public DateTimeOffset? StartAt { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = ImmutableDictionary.Create<string, string>();
}
