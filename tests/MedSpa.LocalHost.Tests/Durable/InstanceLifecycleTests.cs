namespace MedSpa.LocalHost.Tests.Durable;

public class InstanceLifecycleTests
{
    [Fact]
    public async Task ContinueAsNew_over_1000_iterations_keeps_the_stored_history_small()
    {
        int maxHistory = 0;
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivity<int, int>("Tick", n => n)
            .AddOrchestrator("Eternal", async ctx =>
            {
                int n = ctx.GetInput<int>();
                if (n >= 1000)
                {
                    return n;
                }

                await ctx.CallActivityAsync<int>("Tick", n);
                ctx.ContinueAsNew(n + 1);
                return n;
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Eternal", 0);
        var sampler = Task.Run(async () =>
        {
            while ((await host.Client.GetInstanceAsync(id))?.IsCompleted != true)
            {
                maxHistory = Math.Max(maxHistory, host.Client.GetHistoryLength(id));
                await Task.Delay(2);
            }
        });
        OrchestrationMetadata done = await host.CompletionOf(id);
        await sampler;

        done.ReadOutputAs<int>().ShouldBe(1000);
        maxHistory.ShouldBeLessThanOrEqualTo(8);
        host.Client.GetHistoryLength(id).ShouldBeLessThanOrEqualTo(4);
    }

    [Fact]
    public async Task ContinueAsNew_carries_events_that_arrived_before_the_next_generation_waits()
    {
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestrator("Collector", async ctx =>
        {
            int total = ctx.GetInput<int>();
            total += await ctx.WaitForExternalEvent<int>("Add");
            if (total >= 6)
            {
                return total;
            }

            ctx.ContinueAsNew(total);
            return total;
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Collector", 0);
        await host.Client.RaiseEventAsync(id, "Add", 1);
        await host.Client.RaiseEventAsync(id, "Add", 2);
        await host.Client.RaiseEventAsync(id, "Add", 3);

        (await host.CompletionOf(id)).ReadOutputAs<int>().ShouldBe(6);
    }

    [Fact]
    public async Task Terminating_a_running_instance_records_the_reason_as_output_and_ignores_later_events()
    {
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestrator("Forever", async ctx =>
        {
            ctx.SetCustomStatus("waiting");
            return await ctx.WaitForExternalEvent<string>("Never");
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forever");
        await host.UntilAsync(async () => (await host.Client.GetInstanceAsync(id, true))?.ReadCustomStatusAs<string>() == "waiting");
        await host.Client.TerminateInstanceAsync(id, "cancelled by front desk");
        OrchestrationMetadata done = await host.CompletionOf(id);
        await host.Client.RaiseEventAsync(id, "Never", "late");

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        done.ReadOutputAs<string>().ShouldBe("cancelled by front desk");
        done.ReadCustomStatusAs<string>().ShouldBe("waiting");
    }

    [Fact]
    public async Task Purging_removes_a_finished_instance_but_not_a_running_one()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestrator("Quick", ctx => Task.FromResult("done"))
            .AddOrchestrator("Waits", ctx => ctx.WaitForExternalEvent<string>("Go")));

        string finished = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick");
        string running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await host.CompletionOf(finished);

        (await host.Client.PurgeInstanceAsync(finished)).PurgedInstanceCount.ShouldBe(1);
        (await host.Client.PurgeInstanceAsync(running)).PurgedInstanceCount.ShouldBe(0);
        (await host.Client.GetInstanceAsync(finished)).ShouldBeNull();
        (await host.Client.GetInstanceAsync(running)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Instance_queries_filter_by_prefix_and_status_and_page_with_continuation_tokens()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestrator("Quick", ctx => Task.FromResult(ctx.GetInput<int>()))
            .AddOrchestrator("Waits", ctx => ctx.WaitForExternalEvent<string>("Go")));
        for (int i = 0; i < 5; i++)
        {
            await host.CompletionOf(await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", i, new StartOrchestrationOptions($"billing-{i}")));
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", null, new StartOrchestrationOptions("billing-waiting"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 9, new StartOrchestrationOptions("other-1"));

        var query = new OrchestrationQuery(InstanceIdPrefix: "billing-", Statuses: [OrchestrationRuntimeStatus.Completed], PageSize: 2, FetchInputsAndOutputs: true);
        var found = new List<OrchestrationMetadata>();
        await foreach (OrchestrationMetadata m in host.Client.GetAllInstancesAsync(query))
        {
            found.Add(m);
        }

        found.Select(m => m.InstanceId).ShouldBe(["billing-0", "billing-1", "billing-2", "billing-3", "billing-4"]);
        found.Select(m => m.ReadOutputAs<int>()).ShouldBe([0, 1, 2, 3, 4]);
        int pages = 0;
        await foreach (var _ in host.Client.GetAllInstancesAsync(query).AsPages())
        {
            pages++;
        }

        pages.ShouldBe(3);
    }

    [Fact]
    public async Task Unknown_instances_give_null_and_events_to_them_are_ignored()
    {
        await using var host = await DurableTestHost.StartAsync(_ => { });

        (await host.Client.GetInstanceAsync("nope")).ShouldBeNull();
        await host.Client.RaiseEventAsync("nope", "Anything", 1);
        await host.Client.TerminateInstanceAsync("nope", "reason");
    }

    [Fact]
    public async Task A_scheduled_start_waits_until_its_StartAt_time()
    {
        var time = new ManualTimeProvider();
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestrator("Later", ctx => Task.FromResult(ctx.CurrentUtcDateTime)), time: time);
        DateTimeOffset startAt = time.GetUtcNow().AddHours(2);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Later", new StartOrchestrationOptions(StartAt: startAt));
        await Task.Delay(100);
        (await host.Client.GetInstanceAsync(id))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        time.Advance(TimeSpan.FromHours(2));

        (await host.CompletionOf(id)).ReadOutputAs<DateTime>().ShouldBe(startAt.UtcDateTime);
    }
}
