using Microsoft.DurableTask;

namespace MedSpa.Functions.Orchestrations;

/// <summary>
/// How every orchestration retries its activities: activities are idempotent, so a transient failure (the store busy,
/// a gateway timeout) is simply tried again, backing off, before the orchestration itself fails.
/// </summary>
public static class ActivityRetry
{
    public static readonly TaskOptions Policy = TaskOptions.FromRetryPolicy(
        new RetryPolicy(5, TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));
}
