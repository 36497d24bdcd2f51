// Stand-in for Microsoft.DurableTask.ParentOrchestrationInstance (Microsoft.DurableTask.Abstractions).
namespace Microsoft.DurableTask;

public record ParentOrchestrationInstance(TaskName Name, string InstanceId);
