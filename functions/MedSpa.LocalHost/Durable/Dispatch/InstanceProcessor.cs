using MedSpa.LocalHost.Durable.History;
using MedSpa.LocalHost.Durable.Registry;
using MedSpa.LocalHost.Durable.Replay;
using MedSpa.LocalHost.Durable.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;

namespace MedSpa.LocalHost.Durable.Dispatch;

/// <summary>
/// Turns one instance's new messages into one episode: replays the orchestrator over its history plus the messages
/// and translates the outcome (status, new history, actions) into an <see cref="EpisodeCommit"/>.
/// </summary>
internal sealed class InstanceProcessor(DurableFunctionRegistry registry, IServiceProvider services, ILoggerFactory loggerFactory)
{
    public EpisodeCommit Process(InstanceRecord? instance, IReadOnlyList<HistoryEvent> history, IReadOnlyList<InboxMessage> messages, DateTime now)
    {
        var consumed = messages.Select(m => m.Id).ToList();
        if (instance is null || instance.IsTerminal)
        {
            // Unknown or finished instances drop what they receive (D.10: events to completed instances are discarded).
            return new EpisodeCommit { InstanceId = messages[0].InstanceId, ConsumedMessageIds = consumed, DiscardOnly = true };
        }

        if (messages.FirstOrDefault(m => m.Event.Kind == HistoryEventKind.ExecutionTerminated) is { } terminate)
        {
            return new EpisodeCommit
            {
                InstanceId = instance.InstanceId,
                ConsumedMessageIds = consumed,
                NewHistory = [terminate.Event],
                HistoryStart = history.Count,
                Status = OrchestrationRuntimeStatus.Terminated,
                Generation = instance.Generation,
                Input = instance.Input,
                Output = terminate.Event.Data,
                CustomStatus = instance.CustomStatus,
                DropActivities = true,
            };
        }

        // Answers meant for an earlier generation (before ContinueAsNew) are consumed and ignored.
        var newEvents = new List<HistoryEvent> { new() { Kind = HistoryEventKind.OrchestratorStarted, Timestamp = now } };
        newEvents.AddRange(messages.Select(m => m.Event).Where(e => e.Generation is null || e.Generation == instance.Generation));
        if (newEvents.Count == 1)
        {
            return new EpisodeCommit { InstanceId = instance.InstanceId, ConsumedMessageIds = consumed, DiscardOnly = true };
        }

        EpisodeOutcome outcome = RunEpisode(instance, history, newEvents);
        return ToCommit(instance, history.Count, consumed, outcome, now);
    }

    EpisodeOutcome RunEpisode(InstanceRecord instance, IReadOnlyList<HistoryEvent> history, List<HistoryEvent> newEvents)
    {
        if (!registry.TryGetOrchestrator(instance.Name, out OrchestratorFunction orchestrator))
        {
            var missing = new TaskFailureDetails("OrchestratorTaskNotFound", $"No orchestrator task named '{instance.Name}' was found.", null, null, null);
            return new EpisodeOutcome { Status = EpisodeStatus.Failed, NewHistory = newEvents, Failure = missing };
        }

        string? input = history.Concat(newEvents).FirstOrDefault(e => e.Kind == HistoryEventKind.ExecutionStarted)?.Data;
        ParentOrchestrationInstance? parent = instance.ParentInstanceId is null ? null : new ParentOrchestrationInstance(instance.ParentName!, instance.ParentInstanceId);
        var context = new LocalOrchestrationContext(instance.Name, instance.InstanceId, input, parent, loggerFactory);

        // One DI scope per episode: instance function classes are created from it, and it ends with the episode.
        using IServiceScope scope = services.CreateScope();
        return EpisodeExecutor.Run(context, ctx => orchestrator(ctx, scope.ServiceProvider), history, newEvents);
    }

    static EpisodeCommit ToCommit(InstanceRecord instance, int historyCount, List<long> consumed, EpisodeOutcome outcome, DateTime now)
    {
        bool continued = outcome.Status == EpisodeStatus.ContinuedAsNew;
        int generation = continued ? instance.Generation + 1 : instance.Generation;
        var commit = new EpisodeCommit
        {
            InstanceId = instance.InstanceId,
            ConsumedMessageIds = consumed,
            NewHistory = continued ? [] : outcome.NewHistory,
            HistoryStart = historyCount,
            ResetHistory = continued,
            Status = outcome.Status switch
            {
                EpisodeStatus.NotStarted => OrchestrationRuntimeStatus.Pending,
                EpisodeStatus.Completed => OrchestrationRuntimeStatus.Completed,
                EpisodeStatus.Failed => OrchestrationRuntimeStatus.Failed,
                _ => OrchestrationRuntimeStatus.Running,
            },
            Generation = generation,
            Input = continued ? outcome.ContinueAsNewInput : instance.Input,
            Output = outcome.Output,
            CustomStatus = outcome.CustomStatus ?? instance.CustomStatus,
            Failure = outcome.Failure,
            DropActivities = outcome.Status is EpisodeStatus.Failed or EpisodeStatus.ContinuedAsNew,
        };

        foreach (HistoryEvent action in outcome.NewActions)
        {
            AddAction(commit, instance, action, now);
        }

        if (continued)
        {
            // The next generation starts from a one-event history: that is what keeps eternal orchestrations small.
            commit.Messages.Add((instance.InstanceId, now, new HistoryEvent { Kind = HistoryEventKind.ExecutionStarted, Timestamp = now, Name = instance.Name, Data = outcome.ContinueAsNewInput, Generation = generation }));
            foreach (var (name, payload) in outcome.CarriedEvents)
            {
                commit.Messages.Add((instance.InstanceId, now, new HistoryEvent { Kind = HistoryEventKind.EventRaised, Timestamp = now, Name = name, Data = payload }));
            }
        }

        if (commit.Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed && instance.ParentInstanceId is not null)
        {
            commit.Messages.Add((instance.ParentInstanceId, now, new HistoryEvent
            {
                Kind = commit.Status == OrchestrationRuntimeStatus.Completed ? HistoryEventKind.SubOrchestrationCompleted : HistoryEventKind.SubOrchestrationFailed,
                Timestamp = now,
                TaskId = instance.ParentTaskId,
                Data = outcome.Output,
                Failure = outcome.Failure,
                Generation = instance.ParentGeneration,
            }));
        }

        return commit;
    }

    static void AddAction(EpisodeCommit commit, InstanceRecord instance, HistoryEvent action, DateTime now)
    {
        switch (action.Kind)
        {
            case HistoryEventKind.TaskScheduled:
                commit.Activities.Add(new ActivityWorkItem(0, instance.InstanceId, commit.Generation, action.TaskId, action.Name!, action.Data));
                break;
            case HistoryEventKind.TimerCreated:
                // A durable timer is a message to itself that becomes visible at the fire time, so it survives restarts.
                commit.Messages.Add((instance.InstanceId, action.FireAt!.Value, new HistoryEvent
                {
                    Kind = HistoryEventKind.TimerFired, Timestamp = action.FireAt.Value, TaskId = action.TaskId, FireAt = action.FireAt, Generation = commit.Generation,
                }));
                break;
            case HistoryEventKind.SubOrchestrationCreated:
                string childId = action.InstanceId!;
                commit.NewInstances.Add(new InstanceRecord(childId, action.Name!, OrchestrationRuntimeStatus.Pending, 0, action.Data, null, null, null, now, now, instance.InstanceId, instance.Name, action.TaskId, commit.Generation));
                commit.Messages.Add((childId, now, new HistoryEvent { Kind = HistoryEventKind.ExecutionStarted, Timestamp = now, Name = action.Name, Data = action.Data, Generation = 0 }));
                break;
            case HistoryEventKind.EventSent:
                commit.Messages.Add((action.InstanceId!, now, new HistoryEvent { Kind = HistoryEventKind.EventRaised, Timestamp = now, Name = action.Name, Data = action.Data }));
                break;
        }
    }
}
