using MedSpa.LocalHost.Durable.History;
using MedSpa.LocalHost.Durable.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSpa.LocalHost.Durable.Dispatch;

/// <summary>
/// The durable orchestration engine, run as a hosted service. One dispatcher loop takes visible inbox messages in
/// batches, runs one episode per instance (so each instance's orchestrator code is serialized), and writes the whole
/// batch in one SQLite transaction; activities run on <see cref="ActivityWorkerPool"/>. Time comes from TimeProvider.
/// </summary>
public sealed class DurableEngine : IHostedService, IAsyncDisposable
{
    readonly SqliteDurableStore store;
    readonly LocalDurableOptions options;
    readonly EngineSignals signals;
    readonly TimeProvider time;
    readonly ILogger logger;
    readonly InstanceProcessor processor;
    readonly ActivityWorkerPool activities;

    // Histories of running instances, kept so an episode doesn't re-read what the previous one wrote.
    readonly Dictionary<string, List<HistoryEvent>> historyCache = new(StringComparer.Ordinal);
    CancellationTokenSource? stopping;
    Task[] loops = [];

    public DurableEngine(SqliteDurableStore store, LocalDurableOptions options, EngineSignals signals, IServiceProvider services, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        this.store = store;
        this.options = options;
        this.signals = signals;
        this.time = time ?? TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        logger = loggerFactory.CreateLogger<DurableEngine>();
        processor = new InstanceProcessor(options.Functions, services, loggerFactory);
        activities = new ActivityWorkerPool(options.Functions, services, signals, this.time, logger);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = new CancellationTokenSource();

        // Activities that were scheduled but whose results were never recorded run (again) now: at least once.
        foreach (ActivityWorkItem pending in store.LoadPendingActivities())
        {
            activities.Enqueue(pending);
        }

        Task[] workers = activities.Start(options.MaxConcurrentActivities, stopping.Token);
        loops = [.. workers, Task.Run(() => DispatchLoopAsync(stopping.Token), CancellationToken.None)];
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stopping is null)
        {
            return;
        }

        await stopping.CancelAsync();
        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
        stopping = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    async Task DispatchLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            bool didWork;
            try
            {
                didWork = RunOnce();
            }
            catch (Exception ex)
            {
                // Never let one bad batch kill the engine; the cache may now disagree with SQLite, so drop it.
                logger.LogError(ex, "Durable dispatcher pass failed");
                historyCache.Clear();
                didWork = false;
            }

            if (!didWork)
            {
                try
                {
                    await signals.WaitForWorkAsync(options.PollingInterval, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass: record activity results, then run every instance that has visible messages.</summary>
    internal bool RunOnce()
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        var results = activities.TakeResults();
        store.CompleteActivities(results, now);

        List<InboxMessage> messages = store.FetchVisibleMessages(now, options.MaxMessagesPerBatch);
        if (messages.Count == 0)
        {
            return results.Count > 0;
        }

        var commits = new List<EpisodeCommit>();
        foreach (var group in messages.GroupBy(m => m.InstanceId, StringComparer.Ordinal))
        {
            InstanceRecord? instance = store.GetInstance(group.Key);
            List<HistoryEvent> history = instance is null ? [] : HistoryOf(instance);
            commits.Add(processor.Process(instance, history, group.ToList(), now));
        }

        List<ActivityWorkItem> scheduled = store.Commit(commits, now);
        foreach (EpisodeCommit commit in commits)
        {
            UpdateCache(commit);
            signals.NotifyInstanceChanged(commit.InstanceId);
        }

        foreach (ActivityWorkItem item in scheduled)
        {
            activities.Enqueue(item);
        }

        return true;
    }

    List<HistoryEvent> HistoryOf(InstanceRecord instance)
    {
        if (!historyCache.TryGetValue(instance.InstanceId, out var history))
        {
            history = store.LoadHistory(instance.InstanceId);
            historyCache[instance.InstanceId] = history;
        }

        return history;
    }

    void UpdateCache(EpisodeCommit commit)
    {
        if (commit.DiscardOnly)
        {
            return;
        }

        if (commit.Status is Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed
            or Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Failed
            or Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Terminated)
        {
            historyCache.Remove(commit.InstanceId);
            return;
        }

        if (commit.ResetHistory || !historyCache.TryGetValue(commit.InstanceId, out var cached))
        {
            historyCache[commit.InstanceId] = [.. commit.NewHistory];
            return;
        }

        cached.AddRange(commit.NewHistory);
    }
}
