// Two benchmarks, see README.md:
// - no arguments: load program for the local durable engine: N orchestrations of three chained activities each, on
//   SQLite; prints orchestrations per second and time-to-complete percentiles.
// - "availability": BenchmarkDotNet run of the availability engine (MedSpa.Core.Scheduling); later arguments go to
//   BenchmarkDotNet (e.g. --filter *Find_31_days_any*).
// - "http": the whole app behind Kestrel on 127.0.0.1, a month of bookings, then availability latency and booking
//   throughput under a race through HTTP (HttpBenchmark.cs).
using System.Diagnostics;
using BenchmarkDotNet.Running;
using MedSpa.Benchmarks;
using MedSpa.LocalHost.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

if (args.Length > 0 && args[0] == "availability")
{
    BenchmarkRunner.Run<AvailabilityBenchmarks>(args: args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "http")
{
    Environment.ExitCode = await HttpBenchmark.RunAsync(args[1..]);
    return;
}

int count = ArgValue("--orchestrations", 1000);
int concurrency = ArgValue("--activities", 16);
string path = Path.Combine(Path.GetTempPath(), $"medspa-durable-bench-{Guid.NewGuid():N}.db");

var services = new ServiceCollection();
services.AddLocalDurableTask(o =>
{
    o.DatabasePath = path;
    o.MaxConcurrentActivities = concurrency;
    o.Functions
        .AddActivity<int, int>("Reserve", n => n + 1)
        .AddActivity<int, int>("Charge", n => n * 2)
        .AddActivity<int, int>("Notify", n => n - 1)
        .AddOrchestrator("Booking", async ctx =>
        {
            int n = ctx.GetInput<int>();
            n = await ctx.CallActivityAsync<int>("Reserve", n);
            n = await ctx.CallActivityAsync<int>("Charge", n);
            return await ctx.CallActivityAsync<int>("Notify", n);
        });
});

await using ServiceProvider provider = services.BuildServiceProvider();
var engine = provider.GetServices<IHostedService>().Single();
await engine.StartAsync(CancellationToken.None);
DurableTaskClient client = provider.GetRequiredService<DurableTaskClient>();

// Warm up JIT and SQLite before measuring.
await client.WaitForInstanceCompletionAsync(await client.ScheduleNewOrchestrationInstanceAsync("Booking", 0));

var started = new long[count];
var finished = new long[count];
var clock = Stopwatch.StartNew();
var waits = new Task[count];
for (int i = 0; i < count; i++)
{
    int index = i;
    started[i] = clock.ElapsedTicks;
    string id = await client.ScheduleNewOrchestrationInstanceAsync("Booking", i);
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
TimeSpan total = clock.Elapsed;
await engine.StopAsync(CancellationToken.None);

double[] latenciesMs = started.Zip(finished, (s, f) => (f - s) * 1000.0 / Stopwatch.Frequency).Order().ToArray();
double Percentile(double p) => latenciesMs[Math.Min(latenciesMs.Length - 1, (int)Math.Ceiling(p * latenciesMs.Length) - 1)];

Console.WriteLine($"orchestrations:            {count} x 3 activities (all Completed)");
Console.WriteLine($"cores:                     {Environment.ProcessorCount}, activity workers: {concurrency}");
Console.WriteLine($"total time:                {total.TotalSeconds:F2} s");
Console.WriteLine($"throughput:                {count / total.TotalSeconds:F0} orchestrations/s");
Console.WriteLine($"time to complete p50:      {Percentile(0.50):F0} ms");
Console.WriteLine($"time to complete p95:      {Percentile(0.95):F0} ms");
Console.WriteLine($"time to complete max:      {latenciesMs[^1]:F0} ms");

foreach (string file in new[] { path, path + "-wal", path + "-shm" })
{
    File.Delete(file);
}

int ArgValue(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) ? value : fallback;
}
