// Stand-ins for RetryHandler, AsyncRetryHandler and RetryContext (Microsoft.DurableTask.Abstractions).
namespace Microsoft.DurableTask;

public delegate bool RetryHandler(RetryContext retryContext);

public delegate Task<bool> AsyncRetryHandler(RetryContext retryContext);

public record RetryContext(
    TaskOrchestrationContext OrchestrationContext,
    int LastAttemptNumber,
    TaskFailureDetails LastFailure,
    TimeSpan TotalRetryTime,
    CancellationToken CancellationToken);
