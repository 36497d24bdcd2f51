// Stand-in for Microsoft.DurableTask.TaskActivityContext (Microsoft.DurableTask.Abstractions).
namespace Microsoft.DurableTask;

public abstract class TaskActivityContext
{
    public abstract TaskName Name { get; }

    public abstract string InstanceId { get; }

    public virtual string Version => string.Empty;
}
