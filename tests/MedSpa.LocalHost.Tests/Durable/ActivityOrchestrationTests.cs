using MedSpa.LocalHost.Durable.Registry;

namespace MedSpa.LocalHost.Tests.Durable;

public class ActivityOrchestrationTests
{
    [Fact]
    public async Task A_sequence_of_activities_runs_in_order_and_returns_the_orchestrator_output()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivity<string, string>("Greet", name => $"Hello {name}")
            .AddOrchestrator("Sequence", async ctx =>
            {
                var results = new List<string>();
                foreach (string city in new[] { "Tokyo", "Seattle", "London" })
                {
                    results.Add(await ctx.CallActivityAsync<string>("Greet", city));
                }

                return results;
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence");
        OrchestrationMetadata done = await host.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string[]>().ShouldBe(["Hello Tokyo", "Hello Seattle", "Hello London"]);
    }

    [Fact]
    public async Task A_fan_out_of_100_activities_fans_in_to_their_sum()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivity<int, int>("Square", n => n * n)
            .AddOrchestrator("FanOut", async ctx =>
            {
                int[] squares = await Task.WhenAll(Enumerable.Range(1, 100).Select(n => ctx.CallActivityAsync<int>("Square", n)));
                return squares.Sum();
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut");
        OrchestrationMetadata done = await host.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<int>().ShouldBe(Enumerable.Range(1, 100).Sum(n => n * n));
    }

    [Fact]
    public async Task An_activity_failure_surfaces_as_TaskFailedException_with_the_original_error_type()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivity<string, string>("Charge", _ => throw new InvalidOperationException("card declined"))
            .AddOrchestrator("Pay", async ctx =>
            {
                try
                {
                    await ctx.CallActivityAsync<string>("Charge", "pi_1");
                    return "paid";
                }
                catch (TaskFailedException ex) when (ex.FailureDetails.IsCausedBy<InvalidOperationException>())
                {
                    return $"{ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                }
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pay");

        (await host.CompletionOf(id)).ReadOutputAs<string>().ShouldBe("System.InvalidOperationException: card declined");
    }

    [Fact]
    public async Task A_retry_policy_succeeds_on_the_third_attempt_after_durable_backoff_timers()
    {
        int attempts = 0;
        var time = new ManualTimeProvider();
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<string, string>("Flaky", _ => Interlocked.Increment(ref attempts) < 3 ? throw new TimeoutException("try again") : "ok")
                .AddOrchestrator("Retrying", ctx => ctx.CallActivityAsync<string>(
                    "Flaky", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMinutes(1), backoffCoefficient: 2)))),
            time: time);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying");
        await host.UntilTimersScheduled(id, 1);
        time.Advance(TimeSpan.FromMinutes(1));
        await host.UntilTimersScheduled(id, 2);
        time.Advance(TimeSpan.FromMinutes(2));
        OrchestrationMetadata done = await host.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string>().ShouldBe("ok");
        attempts.ShouldBe(3);
    }

    [Fact]
    public async Task An_exhausted_retry_policy_fails_the_orchestration_with_the_activity_failure_inside()
    {
        var time = new ManualTimeProvider();
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<string, string>("Broken", _ => throw new ArgumentException("bad"))
                .AddOrchestrator("GivesUp", ctx => ctx.CallActivityAsync<string>(
                    "Broken", null, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(30))))),
            time: time);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("GivesUp");
        await host.UntilTimersScheduled(id, 1);
        time.Advance(TimeSpan.FromSeconds(30));
        OrchestrationMetadata done = await host.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.ShouldBe("Microsoft.DurableTask.TaskFailedException");
        done.FailureDetails.InnerFailure!.ErrorType.ShouldBe("System.ArgumentException");
    }

    [Fact]
    public async Task A_sub_orchestration_returns_its_result_to_the_parent()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivity<int, int>("Double", n => n * 2)
            .AddOrchestrator("Child", async ctx => await ctx.CallActivityAsync<int>("Double", ctx.GetInput<int>()))
            .AddOrchestrator("Parent", async ctx =>
            {
                int a = await ctx.CallSubOrchestratorAsync<int>("Child", 20);
                int b = await ctx.CallSubOrchestratorAsync<int>("Child", 1, new SubOrchestrationOptions(instanceId: ctx.InstanceId + ":child"));
                return a + b;
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent");

        (await host.CompletionOf(id)).ReadOutputAs<int>().ShouldBe(42);
        (await host.Client.GetInstanceAsync(id + ":child"))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task A_failing_sub_orchestration_throws_TaskFailedException_in_the_parent()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestrator("FailingChild", ctx => throw new InvalidOperationException("child broke"))
            .AddOrchestrator("CatchingParent", async ctx =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync("FailingChild");
                    return "no error";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}: {ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                }
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CatchingParent");

        (await host.CompletionOf(id)).ReadOutputAs<string>().ShouldBe("FailingChild: System.InvalidOperationException: child broke");
    }

    [Fact]
    public async Task A_missing_activity_fails_with_ActivityTaskNotFound_and_is_not_retried()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestrator("CallsNothing", ctx => ctx.CallActivityAsync<int>(
                "DoesNotExist", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromHours(1))))));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsNothing");
        OrchestrationMetadata done = await host.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.InnerFailure!.ErrorType.ShouldBe("ActivityTaskNotFound");
    }
}
