using MedSpa.LocalHost.Durable.Registry;

namespace MedSpa.LocalHost.Durable;

/// <summary>Settings of the local durable engine; passed to <c>services.AddLocalDurableTask(o => ...)</c>.</summary>
public sealed class LocalDurableOptions
{
    /// <summary>The SQLite file that holds every instance, its history and its pending work. Created if missing.</summary>
    public string DatabasePath { get; set; } = Path.Combine(AppContext.BaseDirectory, "data", "durable.db");

    /// <summary>How many activities may run at once (the bounded worker pool).</summary>
    public int MaxConcurrentActivities { get; set; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>
    /// How often the engine looks for work nobody told it about: due timers, and messages written by another process.
    /// Work started in this process (client calls, activity results) wakes the engine at once. Real time, not TimeProvider time.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most inbox messages the engine takes in one pass; their episodes are written in one transaction.</summary>
    public int MaxMessagesPerBatch { get; set; } = 500;

    /// <summary>Orchestrators and activities. Add with <see cref="DurableFunctionRegistry.AddFunctionsFrom"/> or the Add* methods.</summary>
    public DurableFunctionRegistry Functions { get; } = new();
}
