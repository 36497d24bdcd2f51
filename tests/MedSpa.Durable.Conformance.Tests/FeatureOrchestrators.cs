using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MedSpa.Durable.Conformance.Tests;

/// <summary>
/// Orchestrators that exercise engine features the app's own orchestrators do not use yet (sub-orchestrations,
/// ContinueAsNew, plain timers, retries that run out), written the way app orchestrators are, so both engines are held
/// to the same behaviour before a feature needs them.
/// </summary>
public static class FeatureOrchestrators
{
    [Function("Conformance.TimerThenActivity")]
    public static async Task<string> TimerThenActivity([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var started = context.CurrentUtcDateTime;
        await context.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        var waited = context.CurrentUtcDateTime - started >= TimeSpan.FromMilliseconds(300);
        return await context.CallActivityAsync<string>("Echo", waited ? "after the timer" : "too early");
    }

    [Function("Conformance.EventOrTimeout")]
    public static async Task<string> EventOrTimeout([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var timeout = TimeSpan.FromMilliseconds(context.GetInput<int>());
        context.SetCustomStatus("waiting");
        try
        {
            var answer = await context.WaitForExternalEvent<string>("Answer", timeout);
            context.SetCustomStatus("answered");
            return $"answer: {answer}";
        }
        catch (TaskCanceledException)
        {
            context.SetCustomStatus("timed out");
            return "timed out";
        }
    }

    [Function("Conformance.RetryUntilSuccess")]
    public static Task<string> RetryUntilSuccess([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.CallActivityAsync<string>("Flaky", "payload", TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(200))));

    [Function("Conformance.RetriesRunOut")]
    public static async Task<string> RetriesRunOut([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            return await context.CallActivityAsync<string>("Broken", "payload", TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMilliseconds(200))));
        }
        catch (TaskFailedException failure)
        {
            context.SetCustomStatus(failure.FailureDetails.ErrorType);
            return $"gave up on {failure.TaskName}";
        }
    }

    [Function("Conformance.UnhandledActivityFailure")]
    public static Task<string> UnhandledActivityFailure([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.CallActivityAsync<string>("Broken", "payload");

    [Function("Conformance.Parent")]
    public static async Task<int[]> Parent([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var children = Enumerable.Range(1, 3).Select(i => context.CallSubOrchestratorAsync<int>("Conformance.Child", i,
            new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}-child-{i}" }));
        return await Task.WhenAll(children);
    }

    [Function("Conformance.Child")]
    public static Task<int> Child([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.CallActivityAsync<int>("Double", context.GetInput<int>());

    [Function("Conformance.CountWithContinueAsNew")]
    public static async Task<int> CountWithContinueAsNew([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var count = context.GetInput<int>();
        count = await context.CallActivityAsync<int>("Increment", count);
        if (count < 3)
        {
            context.ContinueAsNew(count);
            return -1;
        }

        return count;
    }
}
