using MedSpa.Core.Orchestrations;
using Microsoft.DurableTask;
using MedSpa.Core.Series;

namespace MedSpa.Functions.Orchestrations;

public sealed record SeriesInput(Caller BookedBy, SeriesRequest Request, string TimeZone, string SeriesId);

public sealed record SessionInput(Caller BookedBy, SeriesRequest Request, string TimeZone, string SeriesId, SeriesSession Session);

/// <summary>
/// Books a treatment series session by session at the protocol's interval. The plan is a pure call into MedSpa.Core
/// (deterministic); each booking is an activity. Sessions that cannot be placed come back with the nearest
/// alternatives for staff to offer the patient.
/// </summary>
public static class TreatmentSeriesBooking
{
    public const string Name = "TreatmentSeries";
    public const string InstanceKind = "series";


    public static string InstanceIdFor(string tenantId, string seriesId) => InstanceIds.For(tenantId, InstanceKind, seriesId);

    [Function(Name)]
    public static async Task<IReadOnlyList<SessionOutcome>> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<SeriesInput>() ?? throw new InvalidOperationException("The series needs its request.");
        var first = DateTimeOffset.Parse(input.Request.FirstStartTime ?? throw new InvalidOperationException("A series is checked before it starts, so it has a first start time."), System.Globalization.CultureInfo.InvariantCulture);
        var plan = SeriesPlan.Sessions(input.TimeZone, first, input.Request.Sessions, input.Request.IntervalWeeks);
        var outcomes = new List<SessionOutcome>(plan.Count);
        foreach (var session in plan)
        {
            context.SetCustomStatus($"booking session {session.Number} of {plan.Count}");
            outcomes.Add(await context.CallActivityAsync<SessionOutcome>(nameof(BookSeriesSessionActivity),
                new SessionInput(input.BookedBy, input.Request, input.TimeZone, input.SeriesId, session), ActivityRetry.Policy));
        }

        context.SetCustomStatus(outcomes.All(o => o.AppointmentId is not null) ? "all booked" : "needs attention");
        return outcomes;
    }
}

public sealed class BookSeriesSessionActivity(BookSeriesSession sessions)
{
    [Function(nameof(BookSeriesSessionActivity))]
    public Task<SessionOutcome> Run([ActivityTrigger] SessionInput input, FunctionContext context) =>
        sessions.BookAsync(new Booker(input.BookedBy.TenantId, input.BookedBy), input.Request, input.TimeZone, input.Session, input.SeriesId, context.CancellationToken);
}
