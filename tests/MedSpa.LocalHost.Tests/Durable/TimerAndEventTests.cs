namespace MedSpa.LocalHost.Tests.Durable;

public class TimerAndEventTests
{
    [Fact]
    public async Task A_durable_timer_fires_only_when_time_reaches_its_fire_time()
    {
        var time = new ManualTimeProvider();
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddOrchestrator("Reminder", async ctx =>
            {
                DateTime started = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(TimeSpan.FromHours(24), CancellationToken.None);
                return ctx.CurrentUtcDateTime - started;
            }),
            time: time);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Reminder");
        await host.UntilTimersScheduled(id);
        time.Advance(TimeSpan.FromHours(23));
        await Task.Delay(100);
        (await host.Client.GetInstanceAsync(id))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);

        time.Advance(TimeSpan.FromHours(1));
        OrchestrationMetadata done = await host.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<TimeSpan>().ShouldBe(TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task An_event_raised_before_the_orchestrator_waits_for_it_is_kept_until_it_does()
    {
        var time = new ManualTimeProvider();
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddOrchestrator("LateWaiter", async ctx =>
            {
                await ctx.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
                return await ctx.WaitForExternalEvent<string>("Approval");
            }),
            time: time);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("LateWaiter");
        await host.UntilTimersScheduled(id);
        await host.Client.RaiseEventAsync(id, "approval", "yes");
        await Task.Delay(50);
        time.Advance(TimeSpan.FromMinutes(5));

        (await host.CompletionOf(id)).ReadOutputAs<string>().ShouldBe("yes");
    }

    [Fact]
    public async Task An_event_raised_after_the_orchestrator_waits_completes_the_wait()
    {
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestrator("Waiter", async ctx =>
        {
            ctx.SetCustomStatus("waiting");
            var payload = await ctx.WaitForExternalEvent<Deposit>("DepositPaid");
            return payload.AmountMinor;
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.UntilAsync(async () => (await host.Client.GetInstanceAsync(id, true))?.ReadCustomStatusAs<string>() == "waiting");
        await host.Client.RaiseEventAsync(id, "DepositPaid", new Deposit(5000, "USD"));

        (await host.CompletionOf(id)).ReadOutputAs<long>().ShouldBe(5000);
    }

    [Fact]
    public async Task Waiting_for_an_event_with_a_timeout_throws_TaskCanceledException_when_the_timer_wins()
    {
        var time = new ManualTimeProvider();
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddOrchestrator("DepositWindow", async ctx =>
            {
                try
                {
                    await ctx.WaitForExternalEvent<Deposit>("DepositPaid", TimeSpan.FromMinutes(30));
                    return "paid";
                }
                catch (TaskCanceledException)
                {
                    return "released";
                }
            }),
            time: time);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("DepositWindow");
        await host.UntilTimersScheduled(id);
        time.Advance(TimeSpan.FromMinutes(30));

        (await host.CompletionOf(id)).ReadOutputAs<string>().ShouldBe("released");
    }

    [Fact]
    public async Task Waiting_for_an_event_with_a_timeout_returns_the_event_and_cancels_the_timer_when_it_arrives_first()
    {
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestrator("DepositWindow", async ctx =>
        {
            Deposit d = await ctx.WaitForExternalEvent<Deposit>("DepositPaid", TimeSpan.FromMinutes(30));
            return d.Currency;
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("DepositWindow");
        await host.UntilTimersScheduled(id);
        await host.Client.RaiseEventAsync(id, "DepositPaid", new Deposit(100, "EUR"));

        // Completes without moving time: the cancelled timer no longer keeps the instance open.
        (await host.CompletionOf(id)).ReadOutputAs<string>().ShouldBe("EUR");
    }

    [Fact]
    public async Task CurrentUtcDateTime_and_NewGuid_are_the_same_on_every_replay()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivity<string, string>("Echo", s => s)
            .AddOrchestrator("Deterministic", async ctx =>
            {
                var seen = new List<string>();
                for (int i = 0; i < 3; i++)
                {
                    // Each value is produced again on every replay; the activity records what the first run saw.
                    seen.Add(await ctx.CallActivityAsync<string>("Echo", $"{ctx.NewGuid()}|{ctx.CurrentUtcDateTime:o}|{ctx.IsReplaying}"));
                }

                string now = $"{ctx.NewGuid()}";
                return new { seen, replaying = ctx.IsReplaying, now };
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Deterministic");
        OrchestrationMetadata done = await host.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.SerializedOutput!.ShouldContain("\"replaying\":false");
        done.SerializedOutput!.ShouldNotContain("|True");
    }

    [Fact]
    public async Task NewGuid_is_the_RFC_4122_version_5_uuid_of_instance_id_orchestration_time_and_counter()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivity<int, int>("Id", n => n)
            .AddOrchestrator("Guids", async ctx =>
            {
                // Computed after a replay, so this also shows the value survives replay.
                await ctx.CallActivityAsync<int>("Id", 1);
                return new[] { ctx.NewGuid(), ctx.NewGuid() };
            }));

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Guids", null, new StartOrchestrationOptions("guid-test"));

        // Expected values from Python: uuid.uuid5(UUID("9e952958-5e33-4daf-827f-2fa12937b875"), "guid-test_2026-03-02T09:00:00.0000000Z_0"), ..._1
        (await host.CompletionOf("guid-test")).ReadOutputAs<Guid[]>().ShouldBe(
            [Guid.Parse("078102a3-25f2-59b9-9c8e-6a1a124c2022"), Guid.Parse("3c9fd664-df39-5600-adbe-9c7bb63cf106")]);
    }

    public record Deposit(long AmountMinor, string Currency);
}
