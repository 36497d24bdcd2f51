using System.Reflection;
using System.Text.Json;
using MedSpa.LocalHost.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedSpa.Durable.Conformance.Tests;

/// <summary>An orchestrator found by its [Function] + [OrchestrationTrigger] method, callable by either engine.</summary>
public sealed record OrchestratorEntry(string Name, Func<TaskOrchestrationContext, Task<object?>> Run);

/// <summary>A durable engine that can run a scenario from start to finish.</summary>
public abstract class DurableEngine
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    public abstract string Name { get; }

    /// <summary>Every orchestrator of the app and of this suite, found as the Functions SDK finds them.</summary>
    public static IReadOnlyList<OrchestratorEntry> Orchestrators { get; } =
        [.. Discover(typeof(MedSpa.Functions.MedSpaApp).Assembly), .. Discover(typeof(DurableEngine).Assembly)];

    public async Task<EngineRun> RunAsync(Scenario scenario)
    {
        var recorder = new ActivityRecorder(scenario.Activities);
        await using var session = await StartAsync(recorder, scenario.Activities.Keys);
        var client = session.Client;
        using var timeout = new CancellationTokenSource(RunTimeout);
        var instanceId = $"{scenario.Name.Replace(' ', '-')}-{Guid.NewGuid():N}";
        await client.ScheduleNewOrchestrationInstanceAsync(scenario.Orchestrator, scenario.Input(), new StartOrchestrationOptions(instanceId), timeout.Token);

        await RaisePlannedEventsAsync(client, instanceId, scenario.Events, recorder, timeout.Token);
        var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        return new EngineRun(
            done.RuntimeStatus,
            done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? CanonicalJson.Parse(done.SerializedOutput) : null,
            CanonicalJson.Parse(done.SerializedCustomStatus),
            done.FailureDetails is { } failure ? $"{failure.ErrorType}/{failure.InnerFailure?.ErrorType}" : null,
            recorder.Calls);
    }

    protected abstract Task<EngineSession> StartAsync(ActivityRecorder recorder, IEnumerable<string> activityNames);

    /// <summary>Raises each planned event once, in order, as soon as its condition holds.</summary>
    private static async Task RaisePlannedEventsAsync(DurableTaskClient client, string instanceId, IReadOnlyList<PlannedEvent> events, ActivityRecorder recorder, CancellationToken ct)
    {
        foreach (var planned in events)
        {
            while (true)
            {
                var state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct);
                var status = state?.SerializedCustomStatus is { } raw ? JsonSerializer.Deserialize<JsonElement>(raw) : default;
                var text = status.ValueKind == JsonValueKind.String ? status.GetString() : null;
                if (planned.When(new RunProgress(text, recorder.Calls)))
                {
                    await client.RaiseEventAsync(instanceId, planned.Name, planned.Payload, ct);
                    break;
                }

                if (state is { IsCompleted: true })
                {
                    return;
                }

                await Task.Delay(20, ct);
            }
        }
    }

    private static IEnumerable<OrchestratorEntry> Discover(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null && method.GetParameters().Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null)
        select new OrchestratorEntry(function.Name, context => InvokeAsync(method, context));

    private static async Task<object?> InvokeAsync(MethodInfo method, TaskOrchestrationContext context)
    {
        var task = (Task)method.Invoke(null, [context])!;
        await task;
        return method.ReturnType.IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
    }

    protected sealed class EngineSession(DurableTaskClient client, Func<ValueTask> dispose) : IAsyncDisposable
    {
        public DurableTaskClient Client { get; } = client;

        public ValueTask DisposeAsync() => dispose();
    }
}

/// <summary>Microsoft.DurableTask's own engine: the real worker and client over the in-process test backend.</summary>
public sealed class MicrosoftDurableTaskEngine : DurableEngine
{
    public override string Name => "Microsoft.DurableTask (InProcessTestHost)";

    protected override async Task<EngineSession> StartAsync(ActivityRecorder recorder, IEnumerable<string> activityNames)
    {
        var host = await DurableTaskTestHost.StartAsync(tasks =>
        {
            foreach (var orchestrator in Orchestrators)
            {
                tasks.AddOrchestratorFunc<object?, object?>(orchestrator.Name, (context, input) => orchestrator.Run(new FunctionsOrchestrationContext(context, input)));
            }

            foreach (var name in activityNames)
            {
                tasks.AddActivityFunc<JsonElement?, object?>(name, (_, input) => recorder.Call(name, input));
            }
        });
        return new EngineSession(host.Client, host.DisposeAsync);
    }
}

/// <summary>MedSpa.LocalHost's engine, wired as the local host wires it, on a fresh SQLite file.</summary>
public sealed class LocalHostEngine : DurableEngine
{
    public override string Name => "MedSpa.LocalHost";

    protected override async Task<EngineSession> StartAsync(ActivityRecorder recorder, IEnumerable<string> activityNames)
    {
        var path = Path.Combine(Path.GetTempPath(), "medspa-conformance", Guid.NewGuid().ToString("N") + ".db");
        var services = new ServiceCollection();
        services.AddLocalDurableTask(o =>
        {
            o.DatabasePath = path;
            o.PollingInterval = TimeSpan.FromMilliseconds(20);
            foreach (var orchestrator in Orchestrators)
            {
                o.Functions.AddOrchestrator(orchestrator.Name, (context, _) => orchestrator.Run(context));
            }

            foreach (var name in activityNames)
            {
                o.Functions.AddActivity<JsonElement?, object?>(name, input => recorder.Call(name, input));
            }
        });
        var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return new EngineSession(provider.GetRequiredService<DurableTaskClient>(), async () =>
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }

            await provider.DisposeAsync();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        });
    }
}
