using MedSpa.LocalHost.Durable.History;
using Microsoft.DurableTask;

namespace MedSpa.LocalHost.Durable.Replay;

/// <summary>What an episode decided about its instance.</summary>
internal enum EpisodeStatus
{
    /// <summary>No ExecutionStarted yet (events raised before a delayed start): kept, nothing run.</summary>
    NotStarted,
    Running,
    Completed,
    Failed,
    ContinuedAsNew,
}

internal sealed class EpisodeOutcome
{
    public required EpisodeStatus Status { get; init; }

    public List<HistoryEvent> NewHistory { get; init; } = [];

    /// <summary>Actions scheduled for the first time in this episode, to be carried out by the engine.</summary>
    public List<HistoryEvent> NewActions { get; init; } = [];

    public string? Output { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public string? CustomStatus { get; set; }

    public string? ContinueAsNewInput { get; init; }

    /// <summary>Unconsumed external events carried into the next generation (ContinueAsNew, D.8).</summary>
    public List<(string Name, string? Payload)> CarriedEvents { get; init; } = [];
}

/// <summary>
/// Runs one episode the way the Durable Task Framework does: replay the past history (IsReplaying = true) so the
/// orchestrator rebuilds its state, each awaited task completing from history where it is there, then apply the new
/// events (IsReplaying = false). Whatever the orchestrator scheduled that the history does not mention yet is a new
/// action. All of it happens synchronously on the calling thread under <see cref="OrchestrationSynchronizationContext"/>.
/// </summary>
internal static class EpisodeExecutor
{
    // Upstream's Constants.IllegalAwaitErrorMessage (Worker.Extensions.DurableTask), D.13.
    internal const string IllegalAwaitMessage =
        "An invalid asynchronous invocation was detected. This can be caused by awaiting non-durable tasks " +
        "in an orchestrator function's implementation or by middleware that invokes asynchronous code.";

    public static EpisodeOutcome Run(
        LocalOrchestrationContext context,
        Func<TaskOrchestrationContext, Task<object?>> orchestrator,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> newEvents)
    {
        SynchronizationContext? previous = SynchronizationContext.Current;
        var sync = new OrchestrationSynchronizationContext();
        SynchronizationContext.SetSynchronizationContext(sync);
        Task<object?>? run = null;
        try
        {
            context.isReplaying = true;
            foreach (HistoryEvent e in past)
            {
                run = Apply(context, orchestrator, e, run, sync);
            }

            context.isReplaying = false;
            foreach (HistoryEvent e in newEvents)
            {
                run = Apply(context, orchestrator, e, run, sync);
            }

            // Anything still pending was never recorded: it is new work for this episode.
            var newActions = context.PendingActions.ToList();
            EpisodeOutcome outcome = Decide(context, run, sync, newEvents.Concat(newActions).ToList(), newActions);
            outcome.CustomStatus = context.CustomStatus;
            return outcome;
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            return Failed(newEvents, TaskFailureDetails.FromException(ex));
        }
        finally
        {
            sync.Close();
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    static Task<object?>? Apply(LocalOrchestrationContext context, Func<TaskOrchestrationContext, Task<object?>> orchestrator, HistoryEvent e, Task<object?>? run, OrchestrationSynchronizationContext sync)
    {
        if (e.Kind == HistoryEventKind.ExecutionStarted)
        {
            run ??= Start(context, orchestrator);
        }
        else
        {
            context.Apply(e);
        }

        sync.Pump();
        return run;
    }

    static Task<object?> Start(LocalOrchestrationContext context, Func<TaskOrchestrationContext, Task<object?>> orchestrator)
    {
        try
        {
            return orchestrator(context);
        }
        catch (Exception ex)
        {
            return Task.FromException<object?>(ex);
        }
    }

    static EpisodeOutcome Decide(LocalOrchestrationContext context, Task<object?>? run, OrchestrationSynchronizationContext sync, List<HistoryEvent> history, List<HistoryEvent> newActions)
    {
        if (run is null)
        {
            return new EpisodeOutcome { Status = EpisodeStatus.NotStarted, NewHistory = history };
        }

        if (sync.IllegalAwaitDetected)
        {
            return Failed(history, TaskFailureDetails.FromException(new InvalidOperationException(IllegalAwaitMessage)));
        }

        // Sends are carried out even when the orchestrator finishes in the same episode.
        List<HistoryEvent> sends = newActions.Where(a => a.Kind == HistoryEventKind.EventSent).ToList();
        if (!run.IsCompleted)
        {
            // Blocked, yet nothing durable can wake it: it awaited a non-durable task.
            return context.HasOpenTasks || context.HasActiveWaiters || newActions.Count > 0
                ? new EpisodeOutcome { Status = EpisodeStatus.Running, NewHistory = history, NewActions = newActions }
                : Failed(history, TaskFailureDetails.FromException(new InvalidOperationException(IllegalAwaitMessage)));
        }

        if (run.IsFaulted || run.IsCanceled)
        {
            Exception error = run.IsFaulted ? run.Exception!.InnerExceptions[0] : new TaskCanceledException(run);
            return Failed(history, FailureOf(error));
        }

        if (context.ContinuedAsNew)
        {
            return new EpisodeOutcome
            {
                Status = EpisodeStatus.ContinuedAsNew,
                NewHistory = history,
                NewActions = sends,
                ContinueAsNewInput = context.ContinueAsNewInput,
                CarriedEvents = context.PreserveUnprocessedEvents ? context.UnconsumedEvents().ToList() : [],
            };
        }

        // D.2: the orchestration completes only when its function returned and no durable task is still open.
        return context.HasOpenTasks
            ? new EpisodeOutcome { Status = EpisodeStatus.Running, NewHistory = history, NewActions = newActions }
            : new EpisodeOutcome { Status = EpisodeStatus.Completed, NewHistory = history, NewActions = sends, Output = DurableJson.Serialize(run.Result) };
    }

    // An uncaught TaskFailedException is reported with the task's failure as InnerFailure (D.5).
    static TaskFailureDetails FailureOf(Exception error) => error is TaskFailedException tfe
        ? new TaskFailureDetails(typeof(TaskFailedException).FullName!, tfe.Message, tfe.StackTrace, tfe.FailureDetails, null)
        : TaskFailureDetails.FromException(error);

    static EpisodeOutcome Failed(IEnumerable<HistoryEvent> history, TaskFailureDetails failure) =>
        new() { Status = EpisodeStatus.Failed, NewHistory = history.Where(e => !IsAction(e)).ToList(), Failure = failure };

    static bool IsAction(HistoryEvent e) =>
        e.Kind is HistoryEventKind.TaskScheduled or HistoryEventKind.TimerCreated or HistoryEventKind.SubOrchestrationCreated or HistoryEventKind.EventSent;
}
