using Microsoft.Extensions.Logging;
using MedSpa.LocalHost.Durable.Replay;

namespace MedSpa.LocalHost.Tests.Durable;

public class DeterminismTests
{
    [Fact]
    public async Task An_orchestrator_that_schedules_something_else_on_replay_fails_as_non_deterministic()
    {
        int runs = 0;
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivity<string, string>("A", s => s)
            .AddActivity<string, string>("B", s => s)
            .AddOrchestrator("Fickle", async ctx =>
            {
                // Deliberately wrong: the first run calls A, every replay calls B.
                string first = Interlocked.Increment(ref runs) == 1 ? "A" : "B";
                await ctx.CallActivityAsync<string>(first, "x");
                return await ctx.CallActivityAsync<string>("A", "y");
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fickle");
        OrchestrationMetadata done = await host.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.ShouldBe(typeof(NonDeterministicOrchestrationException).FullName);
        done.FailureDetails.ErrorMessage.ShouldContain("Non-deterministic");
        done.FailureDetails.ErrorMessage.ShouldContain("activity 'A'");
    }

    [Fact]
    public async Task An_orchestrator_that_awaits_a_non_durable_task_fails_with_the_illegal_await_error()
    {
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestrator("Sleeper", async ctx =>
        {
            await Task.Delay(20);
            return "woke";
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper");
        OrchestrationMetadata done = await host.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.ShouldBe("System.InvalidOperationException");
        done.FailureDetails.ErrorMessage.ShouldStartWith("An invalid asynchronous invocation was detected.");
    }

    [Fact]
    public async Task The_replay_safe_logger_writes_each_line_once_although_the_orchestrator_replays()
    {
        var sink = new ListLoggerProvider();
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivity<int, int>("Id", n => n)
                .AddOrchestrator("Logs", async ctx =>
                {
                    var log = ctx.CreateReplaySafeLogger("Logs");
                    for (int i = 0; i < 3; i++)
                    {
                        log.LogInformation("step {Step}", i);
                        await ctx.CallActivityAsync<int>("Id", i);
                    }

                    return 0;
                }),
            services: s => s.AddLogging(b => b.AddProvider(sink)));

        await host.CompletionOf(await host.Client.ScheduleNewOrchestrationInstanceAsync("Logs"));

        sink.Lines.Where(l => l.StartsWith("step")).ShouldBe(["step 0", "step 1", "step 2"]);
    }
}
