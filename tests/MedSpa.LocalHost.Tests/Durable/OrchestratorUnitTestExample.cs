using Moq;

namespace MedSpa.LocalHost.Tests.Durable;

/// <summary>
/// The documented Durable Functions way to unit test an orchestrator: mock TaskOrchestrationContext (its members are
/// abstract/virtual as upstream) and check the calls, with no engine at all.
/// </summary>
public class OrchestratorUnitTestExample
{
    [Fact]
    public async Task The_reminder_orchestrator_looks_up_the_patient_then_sends_the_reminder_with_their_name()
    {
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.GetInput<ReminderRequest>()).Returns(new ReminderRequest("p-1"));
        context.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == "LookUpPatient"), "p-1", null)).ReturnsAsync("Ada");
        context.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == "SendReminder"), "Ada (p-1)", null)).ReturnsAsync("sent");
        var functionContext = new Mock<Microsoft.Azure.Functions.Worker.FunctionContext>();
        var definition = new Mock<Microsoft.Azure.Functions.Worker.FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns("ReminderSaga");
        functionContext.SetupGet(f => f.FunctionDefinition).Returns(definition.Object);

        string result = await ReminderFunctions.RunOrchestrator(context.Object, functionContext.Object);

        result.ShouldBe("sent via ReminderSaga");
        context.Verify(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == "SendReminder"), "Ada (p-1)", null), Times.Once);
    }

    [Fact]
    public async Task The_timeout_overload_of_WaitForExternalEvent_races_a_mocked_timer()
    {
        var context = new Mock<TaskOrchestrationContext> { CallBase = true };
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        context.Setup(c => c.WaitForExternalEvent<string>("Paid", It.IsAny<CancellationToken>()))
            .Returns((string _, CancellationToken ct) => Task.Delay(Timeout.Infinite, ct).ContinueWith<string>(_ => throw new TaskCanceledException(), TaskScheduler.Default));

        await Should.ThrowAsync<TaskCanceledException>(() => context.Object.WaitForExternalEvent<string>("Paid", TimeSpan.FromMinutes(5)));
    }
}
