using MedSpa.LocalHost.Durable.Registry;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost.Tests.Durable;

public class RegistryDiscoveryTests
{
    [Fact]
    public void Discovery_registers_every_orchestrator_and_activity_function_of_an_assembly_by_function_name()
    {
        var registry = new DurableFunctionRegistry();

        registry.AddFunctionsFrom(typeof(RegistryDiscoveryTests).Assembly);

        registry.OrchestratorNames.ShouldContain("ReminderSaga");
        registry.ActivityNames.ShouldContain("SendReminder");
        registry.ActivityNames.ShouldContain("LookUpPatient");
        registry.OrchestratorNames.ShouldNotContain("NotDurable");
        registry.ActivityNames.ShouldNotContain("NotDurable");
    }

    [Fact]
    public async Task Discovered_static_and_instance_functions_run_with_DI_FunctionContext_and_activity_context()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddFunctionsFrom(typeof(RegistryDiscoveryTests).Assembly),
            services: s => s.AddSingleton(new ClinicDirectory("Rose")));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ReminderSaga", new ReminderRequest("p-7"));
        OrchestrationMetadata done = await host.CompletionOf(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string>().ShouldBe($"SendReminder to Rose (p-7) for {id} via ReminderSaga");
    }
}

public record ReminderRequest(string PatientId);

public sealed record ClinicDirectory(string PatientName);

/// <summary>Function shapes as MedSpa.Functions writes them: an instance class with constructor injection.</summary>
public sealed class ReminderFunctions(ClinicDirectory directory)
{
    [Function("ReminderSaga")]
    public static async Task<string> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, FunctionContext functionContext)
    {
        var request = context.GetInput<ReminderRequest>()!;
        string name = await context.CallActivityAsync<string>("LookUpPatient", request.PatientId);
        return await context.CallActivityAsync<string>("SendReminder", $"{name} ({request.PatientId})") + $" via {functionContext.FunctionDefinition.Name}";
    }

    [Function("LookUpPatient")]
    public Task<string> LookUp([ActivityTrigger] string patientId, CancellationToken cancellation) => Task.FromResult(directory.PatientName);

    [Function("SendReminder")]
    public static string Send([ActivityTrigger] string to, TaskActivityContext activity) => $"{activity.Name} to {to} for {activity.InstanceId}";

    [Function("NotDurable")]
    public static void Timer([TimerTrigger("0 0 * * * *")] TimerInfo timer)
    {
    }

    [Function("StartReminder")]
    public static Task<string> Start([DurableClient] DurableTaskClient client) => client.ScheduleNewOrchestrationInstanceAsync("ReminderSaga");
}
