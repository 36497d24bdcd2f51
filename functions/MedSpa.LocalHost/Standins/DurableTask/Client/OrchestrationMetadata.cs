// Stand-in for Microsoft.DurableTask.Client.OrchestrationMetadata. Read*As<T> throws unless inputs and outputs
// were requested (DataConverter is null otherwise), as upstream (D.10).
using System.Diagnostics.CodeAnalysis;

namespace Microsoft.DurableTask.Client;

public sealed class OrchestrationMetadata
{
    public OrchestrationMetadata(string name, string instanceId)
    {
        Name = name;
        InstanceId = instanceId;
    }

    public string Name { get; }

    public string InstanceId { get; }

    public DataConverter? DataConverter { get; init; }

    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;

    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    [MemberNotNullWhen(true, nameof(DataConverter))]
    bool RequestedInputsAndOutputs => DataConverter is not null;

    public T? ReadInputAs<T>() => RequestedInputsAndOutputs
        ? DataConverter.Deserialize<T>(SerializedInput)
        : throw NotFetched(nameof(ReadInputAs));

    public T? ReadOutputAs<T>() => RequestedInputsAndOutputs
        ? DataConverter.Deserialize<T>(SerializedOutput)
        : throw NotFetched(nameof(ReadOutputAs));

    public T? ReadCustomStatusAs<T>() => RequestedInputsAndOutputs
        ? DataConverter.Deserialize<T>(SerializedCustomStatus)
        : throw NotFetched(nameof(ReadCustomStatusAs));

    public override string ToString() =>
        $"[Name: '{Name}', ID: '{InstanceId}', RuntimeStatus: {RuntimeStatus}, CreatedAt: {CreatedAt:s}, LastUpdatedAt: {LastUpdatedAt:s}]";

    static InvalidOperationException NotFetched(string method) => new(
        $"The {method} method can only be used on {nameof(OrchestrationMetadata)} objects that are fetched with the option to include input and output data.");
}
