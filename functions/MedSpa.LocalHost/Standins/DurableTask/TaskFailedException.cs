// Stand-in for Microsoft.DurableTask.TaskFailedException (Microsoft.DurableTask.Abstractions).
// The message format is upstream's: "Task '{name}' (#{id}) failed with an unhandled exception: {message}".
namespace Microsoft.DurableTask;

public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, Exception innerException)
        : base(FormatMessage(taskName, taskId, innerException?.Message), innerException)
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = TaskFailureDetails.FromException(innerException!);
    }

    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base(FormatMessage(taskName, taskId, failureDetails?.ErrorMessage))
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails!;
    }

    public string TaskName { get; }

    public int TaskId { get; }

    public TaskFailureDetails FailureDetails { get; }

    static string FormatMessage(string taskName, int taskId, string? subMessage) => subMessage is null
        ? $"Task '{taskName}' (#{taskId}) failed with an unhandled exception."
        : $"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {subMessage}";
}
