using MedSpa.Functions.Orchestrations;
using Xunit.Abstractions;

namespace MedSpa.Durable.Conformance.Tests;

/// <summary>
/// Each scenario runs on Microsoft.DurableTask's engine and on MedSpa.LocalHost's; outputs, runtime status, custom
/// status, failure types and the activity calls (names, inputs, attempts, order) must agree, and match what the scenario
/// expects. Where the two engines differ, ours changes.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    private static readonly DurableEngine Reference = new MicrosoftDurableTaskEngine();
    private static readonly DurableEngine Ours = new LocalHostEngine();

    public static TheoryData<string> ScenarioNames() => new(Scenarios.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Both_engines_run_the_scenario_the_same_way(string name)
    {
        var scenario = Scenarios.All.Single(s => s.Name == name);

        var reference = await Reference.RunAsync(scenario);
        var ours = await Ours.RunAsync(scenario);
        output.WriteLine($"{Reference.Name}:\n  {reference}\n{Ours.Name}:\n  {ours}");

        ours.Status.ShouldBe(reference.Status);
        ours.Output.ShouldBe(reference.Output);
        ours.CustomStatus.ShouldBe(reference.CustomStatus);
        ours.FailureType.ShouldBe(reference.FailureType);
        ours.Calls.ShouldBe(reference.Calls, ignoreOrder: scenario.CallsInAnyOrder);

        reference.Status.ShouldBe(scenario.ExpectedStatus);
        if (scenario.ExpectedOutput is not null)
        {
            reference.Output.ShouldBe(scenario.ExpectedOutput);
        }

        if (scenario.ExpectedCustomStatus is not null)
        {
            reference.CustomStatus.ShouldBe(scenario.ExpectedCustomStatus);
        }
    }

    [Fact]
    public void Every_orchestrator_of_the_app_has_a_conformance_scenario()
    {
        var appOrchestrators = DurableEngine.Orchestrators.Select(o => o.Name).Where(n => !n.StartsWith("Conformance.", StringComparison.Ordinal)).ToList();

        appOrchestrators.ShouldContain(BookingSaga.Name);
        appOrchestrators.Except(Scenarios.All.Select(s => s.Orchestrator)).ShouldBeEmpty("add a scenario for each new orchestrator");
    }
}
