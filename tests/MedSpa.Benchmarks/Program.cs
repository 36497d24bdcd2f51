// Four benchmarks, see README.md:
// - no arguments: the durable workload (N orchestrations of three chained activities each) on the local engine, or
//   with --engine microsoft on Microsoft.DurableTask's engine (DurableBenchmark.cs); prints orchestrations per second
//   and time-to-complete percentiles.
// - "availability": BenchmarkDotNet run of the availability engine (MedSpa.Core.Scheduling); later arguments go to
//   BenchmarkDotNet (e.g. --filter *Find_31_days_any*).
// - "http": the whole app behind Kestrel on 127.0.0.1, a month of bookings, then availability latency and booking
//   throughput under a race through HTTP (HttpBenchmark.cs).
// - "messages": 10,000 reminders due in the same minute sent by the outbox through the ACS adapter to the ACS fake
//   (MessagesBenchmark.cs); prints the time until all were sent and whether each went exactly once.
using BenchmarkDotNet.Running;
using MedSpa.Benchmarks;

if (args.Length > 0 && args[0] == "availability")
{
    BenchmarkRunner.Run<AvailabilityBenchmarks>(args: args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "messages")
{
    Environment.ExitCode = await MessagesBenchmark.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "http")
{
    Environment.ExitCode = await HttpBenchmark.RunAsync(args[1..]);
    return;
}

Environment.ExitCode = await DurableBenchmark.RunAsync(
    ArgText("--engine", "local"), ArgValue("--orchestrations", 1000), ArgValue("--activities", 16));

string ArgText(string name, string fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

int ArgValue(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) ? value : fallback;
}
