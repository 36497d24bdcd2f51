using System.Diagnostics;
using MedSpa.LocalHost.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSpa.Benchmarks;

/// <summary>
/// The same durable workload on two engines: N orchestrations of three chained activities (Reserve → Charge →
/// Notify), all scheduled up front, then throughput and time-to-complete percentiles (schedule call → completion seen).
/// <list type="bullet">
/// <item><c>local</c>: MedSpa.LocalHost's engine on SQLite, wired as the host wires it.</item>
/// <item><c>microsoft</c>: Microsoft.DurableTask's worker and replay engine over its in-process test backend
/// (InProcessTestHost). That backend runs at most Environment.ProcessorCount work items at once and looks again every
/// 500 ms when full (200 orchestrations take 200 s on 2 cores), so the benchmark runs itself again with
/// DOTNET_PROCESSOR_COUNT=64 to measure the engine rather than that throttle.</item>
/// </list>
/// </summary>
public static class DurableBenchmark
{
    private const string Orchestrator = "Booking";

    public static async Task<int> RunAsync(string engine, int count, int activityWorkers)
    {
        if (engine == "microsoft" && Environment.GetEnvironmentVariable("DOTNET_PROCESSOR_COUNT") is null)
        {
            // The in-process backend's throttle is the processor count, read at process start: run again with it raised.
            Console.WriteLine("(running again with DOTNET_PROCESSOR_COUNT=64: the in-process backend's work-item cap)");
            var again = new ProcessStartInfo(Environment.ProcessPath!, Environment.GetCommandLineArgs()[1..]) { UseShellExecute = false };
            again.Environment["DOTNET_PROCESSOR_COUNT"] = "64";
            again.Environment["Logging__LogLevel__Default"] = "Warning";
            using var child = Process.Start(again)!;
            await child.WaitForExitAsync();
            return child.ExitCode;
        }

        await using var session = engine switch
        {
            "local" => await StartLocalAsync(activityWorkers),
            "microsoft" => await StartMicrosoftAsync(),
            _ => throw new ArgumentException($"Unknown engine '{engine}': use local or microsoft."),
        };
        var client = session.Client;

        // Warm up JIT and storage before measuring.
        await client.WaitForInstanceCompletionAsync(await client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, 0));

        var started = new long[count];
        var finished = new long[count];
        var clock = Stopwatch.StartNew();
        var waits = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var index = i;
            started[i] = clock.ElapsedTicks;
            var id = await client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, i);
            waits[i] = client.WaitForInstanceCompletionAsync(id).ContinueWith(t =>
            {
                finished[index] = clock.ElapsedTicks;
                if (t.Result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"{id} ended {t.Result.RuntimeStatus}");
                }
            }, TaskScheduler.Default);
        }

        await Task.WhenAll(waits);
        var total = clock.Elapsed;

        var latenciesMs = started.Zip(finished, (s, f) => (f - s) * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        double Percentile(double p) => latenciesMs[Math.Min(latenciesMs.Length - 1, (int)Math.Ceiling(p * latenciesMs.Length) - 1)];

        Console.WriteLine($"engine:                    {session.Name}");
        Console.WriteLine($"orchestrations:            {count} x 3 activities (all Completed)");
        Console.WriteLine($"cores:                     {Environment.ProcessorCount} reported (DOTNET_PROCESSOR_COUNT={Environment.GetEnvironmentVariable("DOTNET_PROCESSOR_COUNT") ?? "unset"})");
        Console.WriteLine($"total time:                {total.TotalSeconds:F2} s");
        Console.WriteLine($"throughput:                {count / total.TotalSeconds:F0} orchestrations/s");
        Console.WriteLine($"time to complete p50:      {Percentile(0.50):F0} ms");
        Console.WriteLine($"time to complete p95:      {Percentile(0.95):F0} ms");
        Console.WriteLine($"time to complete max:      {latenciesMs[^1]:F0} ms");
        return 0;
    }

    private static async Task<Session> StartLocalAsync(int activityWorkers)
    {
        var path = Path.Combine(Path.GetTempPath(), $"medspa-durable-bench-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        services.AddLocalDurableTask(o =>
        {
            o.DatabasePath = path;
            o.MaxConcurrentActivities = activityWorkers;
            o.Functions
                .AddActivity<int, int>("Reserve", n => n + 1)
                .AddActivity<int, int>("Charge", n => n * 2)
                .AddActivity<int, int>("Notify", n => n - 1)
                .AddOrchestrator(Orchestrator, RunBookingAsync);
        });
        var provider = services.BuildServiceProvider();
        var engine = provider.GetServices<IHostedService>().Single();
        await engine.StartAsync(CancellationToken.None);
        return new Session($"MedSpa.LocalHost (SQLite, {activityWorkers} activity workers)", provider.GetRequiredService<DurableTaskClient>(), async () =>
        {
            await engine.StopAsync(CancellationToken.None);
            await provider.DisposeAsync();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        });
    }

    private static async Task<Session> StartMicrosoftAsync()
    {
        var host = await DurableTaskTestHost.StartAsync(tasks =>
        {
            tasks.AddActivityFunc<int, int>("Reserve", (_, n) => n + 1);
            tasks.AddActivityFunc<int, int>("Charge", (_, n) => n * 2);
            tasks.AddActivityFunc<int, int>("Notify", (_, n) => n - 1);
            tasks.AddOrchestratorFunc<int, int>(Orchestrator, (context, _) => RunBookingAsync(context));
        }, new DurableTaskTestHostOptions { LoggerFactory = NullLoggerFactory.Instance });
        return new Session("Microsoft.DurableTask 1.28 (InProcessTestHost, in-memory backend)", host.Client, host.DisposeAsync);
    }

    private static async Task<int> RunBookingAsync(TaskOrchestrationContext context)
    {
        var n = context.GetInput<int>();
        n = await context.CallActivityAsync<int>("Reserve", n);
        n = await context.CallActivityAsync<int>("Charge", n);
        return await context.CallActivityAsync<int>("Notify", n);
    }

    private sealed class Session(string name, DurableTaskClient client, Func<ValueTask> dispose) : IAsyncDisposable
    {
        public string Name { get; } = name;

        public DurableTaskClient Client { get; } = client;

        public ValueTask DisposeAsync() => dispose();
    }
}
