using MedSpa.Core.Reporting;
using MedSpa.Functions.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace MedSpa.Functions.Tests.Platform;

public sealed class DailySummaryOrchestrationTests(ApiHost api) : IClassFixture<ApiHost>
{
    private async Task<JsonObject> WaitForEndAsync(string instanceId)
    {
        for (var i = 0; i < 200; i++)
        {
            var body = await (await api.AsAdmin().GetAsync($"/api/admin/orchestrations/{Uri.EscapeDataString(instanceId)}")).JsonAsync();
            if (body["status"]!.GetValue<string>() is "Completed" or "Failed" or "Terminated")
            {
                return body;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{instanceId} did not end.");
    }

    [Fact]
    public async Task An_admin_runs_the_daily_summary_and_sees_it_complete_with_its_output()
    {
        var started = await api.AsAdmin().PostAsync("/api/admin/daily-summary", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var instanceId = (await started.JsonAsync())["instanceId"]!.GetValue<string>();

        var ended = await WaitForEndAsync(instanceId);

        ended["status"]!.GetValue<string>().ShouldBe("Completed");
        ended["customStatus"]!.GetValue<string>().ShouldBe("done");
        ended["output"]!["services"]!.GetValue<int>().ShouldBe(26);
        ended["output"]!["patients"]!.GetValue<int>().ShouldBe(5);
        var date = ended["input"]!["date"]!.GetValue<string>();
        (await api.Store.ReadAsync<JsonObject>(Partitions.Clinic, "demo", $"summary-{date}")).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_orchestration_list_shows_only_this_clinics_instances_and_filters_by_name()
    {
        await api.OrchestrationIdAsync(ApiHost.OtherTenant);
        var mine = await api.OrchestrationIdAsync("demo");

        var list = await (await api.AsAdmin().GetAsync("/api/admin/orchestrations?name=DailyClinicSummary")).JsonAsync();

        var ids = list["items"]!.AsArray().Select(i => i!["instanceId"]!.GetValue<string>()).ToList();
        ids.ShouldContain(mine);
        ids.ShouldAllBe(id => id.StartsWith("demo:"));
    }

    [Fact]
    public async Task Terminating_needs_a_reason()
    {
        var id = await api.OrchestrationIdAsync("demo");

        var response = await api.AsAdmin().PostAsJsonAsync($"/api/admin/orchestrations/{Uri.EscapeDataString(id)}/terminate", new { reason = "" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_orchestrator_gathers_then_saves_with_retries_and_returns_the_summary()
    {
        // Documented Durable Functions unit-test style: a Moq mock of TaskOrchestrationContext.
        var summary = new ClinicDaySummary("demo", "2026-11-22", 2, 8, 26, 26, 200, [], DateTimeOffset.UnixEpoch);
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.GetInput<ClinicDayRequest>()).Returns(new ClinicDayRequest("demo", "2026-11-22"));
        context.Setup(c => c.CallActivityAsync<ClinicDaySummary>(It.Is<TaskName>(n => n.Name == nameof(GatherClinicDay)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync(summary);
        context.Setup(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == nameof(SaveClinicSummary)), summary, It.IsAny<TaskOptions?>()))
            .Returns(Task.CompletedTask).Verifiable();

        var result = await DailyClinicSummary.RunOrchestrator(context.Object);

        result.ShouldBe(summary);
        context.Verify();
        context.Verify(c => c.CallActivityAsync<ClinicDaySummary>(It.IsAny<TaskName>(), It.Is<object?>(o => ((ClinicDayRequest)o!).TenantId == "demo"), It.Is<TaskOptions?>(o => o!.Retry != null)));
    }

    [Fact]
    public async Task Starting_twice_on_one_day_schedules_one_instance()
    {
        var client = new Mock<DurableTaskClient>("test");
        client.SetupSequence(c => c.GetInstanceAsync(It.IsAny<string>(), false, It.IsAny<CancellationToken>()))
            .ReturnsAsync((OrchestrationMetadata?)null)
            .ReturnsAsync(new OrchestrationMetadata(DailyClinicSummary.Name, "demo:daily-summary:2026-11-22"));

        var first = await DailyClinicSummary.StartAsync(client.Object, "demo", new DateOnly(2026, 11, 22), CancellationToken.None);
        var second = await DailyClinicSummary.StartAsync(client.Object, "demo", new DateOnly(2026, 11, 22), CancellationToken.None);

        first.ShouldBe("demo:daily-summary:2026-11-22");
        second.ShouldBe(first);
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
