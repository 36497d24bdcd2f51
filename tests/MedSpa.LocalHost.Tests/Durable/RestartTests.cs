namespace MedSpa.LocalHost.Tests.Durable;

public class RestartTests
{
    static void Register(MedSpa.LocalHost.Durable.Registry.DurableFunctionRegistry r, Action? onActivity = null) => r
        .AddActivity<string, string>("Confirm", s =>
        {
            onActivity?.Invoke();
            return $"confirmed {s}";
        })
        .AddOrchestrator("HoldThenConfirm", async ctx =>
        {
            Task hold = ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            Task<string> approval = ctx.WaitForExternalEvent<string>("Approved");
            await Task.WhenAll(hold, approval);
            return await ctx.CallActivityAsync<string>("Confirm", approval.Result);
        });

    [Fact]
    public async Task An_orchestration_waiting_on_a_timer_and_an_event_completes_after_the_engine_restarts_on_the_same_file()
    {
        var time = new ManualTimeProvider();
        string path = DurableTestHost.NewDatabasePath();
        string id;
        await using (var first = await DurableTestHost.StartAsync(r => Register(r), path, time))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("HoldThenConfirm", null, new StartOrchestrationOptions("booking-42"));
            await first.UntilTimersScheduled(id);
        }

        await using var second = await DurableTestHost.StartAsync(r => Register(r), path, time);
        (await second.Client.GetInstanceAsync(id))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        await second.Client.RaiseEventAsync(id, "Approved", "booking-42");
        time.Advance(TimeSpan.FromHours(1));
        OrchestrationMetadata done = await second.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string>().ShouldBe("confirmed booking-42");
    }

    [Fact]
    public async Task A_timer_that_came_due_while_the_engine_was_down_fires_when_it_starts_again()
    {
        var time = new ManualTimeProvider();
        string path = DurableTestHost.NewDatabasePath();
        string id;
        await using (var first = await DurableTestHost.StartAsync(r => Register(r), path, time))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("HoldThenConfirm");
            await first.Client.RaiseEventAsync(id, "Approved", "early");
            await first.UntilTimersScheduled(id);
        }

        time.Advance(TimeSpan.FromDays(2));
        await using var second = await DurableTestHost.StartAsync(r => Register(r), path, time);

        (await second.CompletionOf(id)).ReadOutputAs<string>().ShouldBe("confirmed early");
    }

    [Fact]
    public async Task An_activity_interrupted_by_shutdown_runs_again_after_restart()
    {
        int runs = 0;
        string path = DurableTestHost.NewDatabasePath();
        var firstRunStarted = new TaskCompletionSource();
        void RegisterSlow(MedSpa.LocalHost.Durable.Registry.DurableFunctionRegistry r) => r
            .AddActivity("Slow", async call =>
            {
                if (Interlocked.Increment(ref runs) == 1)
                {
                    firstRunStarted.SetResult();
                    await Task.Delay(Timeout.Infinite, call.CancellationToken);
                }

                return "finished";
            })
            .AddOrchestrator("UsesSlow", ctx => ctx.CallActivityAsync<string>("Slow"));

        string id;
        await using (var first = await DurableTestHost.StartAsync(RegisterSlow, path))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("UsesSlow");
            await firstRunStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }

        await using var second = await DurableTestHost.StartAsync(RegisterSlow, path);

        (await second.CompletionOf(id)).ReadOutputAs<string>().ShouldBe("finished");
        runs.ShouldBe(2);
    }
}
