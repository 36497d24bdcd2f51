using MedSpa.LocalHost.Durable.Client;
using MedSpa.LocalHost.Durable.Dispatch;
using MedSpa.LocalHost.Durable.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedSpa.LocalHost.Durable;

public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the local durable engine: <see cref="LocalDurableOptions"/>, the SQLite store, the engine as an
    /// IHostedService and <see cref="DurableTaskClient"/> as a singleton (what <c>[DurableClient]</c> binds to).
    /// The options' <see cref="LocalDurableOptions.Functions"/> registry is also registered as a singleton.
    /// A TimeProvider registered before this call is used; otherwise TimeProvider.System.
    /// </summary>
    public static IServiceCollection AddLocalDurableTask(this IServiceCollection services, Action<LocalDurableOptions>? configure = null)
    {
        var options = new LocalDurableOptions();
        configure?.Invoke(options);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(options.Functions);
        services.AddSingleton<EngineSignals>();
        services.AddSingleton<SqliteDurableStore>();
        services.AddSingleton(sp => new DurableEngine(
            sp.GetRequiredService<SqliteDurableStore>(),
            options,
            sp.GetRequiredService<EngineSignals>(),
            sp,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
        services.AddSingleton(sp => new LocalDurableTaskClient(
            sp.GetRequiredService<SqliteDurableStore>(),
            sp.GetRequiredService<EngineSignals>(),
            options,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<LocalDurableTaskClient>());
        return services;
    }
}
