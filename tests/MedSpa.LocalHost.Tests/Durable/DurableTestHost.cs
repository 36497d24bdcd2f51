using MedSpa.LocalHost.Durable;
using MedSpa.LocalHost.Durable.Client;
using MedSpa.LocalHost.Durable.Registry;
using Microsoft.Extensions.Hosting;

namespace MedSpa.LocalHost.Tests.Durable;

/// <summary>
/// The engine wired exactly as the host wires it (AddLocalDurableTask), on a temporary SQLite file, with manual time
/// and a short polling interval. Dispose and start another on the same file to simulate a restart.
/// </summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    readonly ServiceProvider provider;
    readonly List<IHostedService> hosted;

    DurableTestHost(ServiceProvider provider)
    {
        this.provider = provider;
        hosted = provider.GetServices<IHostedService>().ToList();
    }

    public ManualTimeProvider Time => (ManualTimeProvider)provider.GetRequiredService<TimeProvider>();

    public LocalDurableTaskClient Client => (LocalDurableTaskClient)provider.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => provider;

    public string DatabasePath { get; private init; } = string.Empty;

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "medspa-durable-tests", Guid.NewGuid().ToString("N") + ".db");

    public static async Task<DurableTestHost> StartAsync(
        Action<DurableFunctionRegistry> register,
        string? databasePath = null,
        ManualTimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(time ?? new ManualTimeProvider());
        services?.Invoke(collection);
        string path = databasePath ?? NewDatabasePath();
        collection.AddLocalDurableTask(o =>
        {
            o.DatabasePath = path;
            o.PollingInterval = TimeSpan.FromMilliseconds(10);
            o.MaxConcurrentActivities = 8;
            register(o.Functions);
        });
        var host = new DurableTestHost(collection.BuildServiceProvider()) { DatabasePath = path };
        foreach (IHostedService service in host.hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return host;
    }

    /// <summary>Waits (real time, bounded) for the instance to finish.</summary>
    public async Task<OrchestrationMetadata> CompletionOf(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Waits until the instance is idle with a durable timer pending, i.e. it reached the point under test.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not reached in 20 s.");
            }

            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IHostedService service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await provider.DisposeAsync();
    }
}

public static class DurableTestHostExtensions
{
    /// <summary>Waits until the instance has recorded at least <paramref name="count"/> durable timers.</summary>
    public static Task UntilTimersScheduled(this DurableTestHost host, string instanceId, int count = 1)
    {
        var store = host.Services.GetRequiredService<MedSpa.LocalHost.Durable.Storage.SqliteDurableStore>();
        return host.UntilAsync(() => Task.FromResult(
            store.LoadHistory(instanceId).Count(e => e.Kind == MedSpa.LocalHost.Durable.History.HistoryEventKind.TimerCreated) >= count));
    }
}
