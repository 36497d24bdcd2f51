using MedSpa.Core.Calendars;

namespace MedSpa.Functions.Calendars;

/// <summary>
/// A practitioner's Google or Microsoft 365 calendar, whose busy times block their availability: the ones connected
/// (GET), connecting one (POST {provider, calendarId}), disconnecting it (DELETE …/{provider}). The practitioner or an admin.
/// </summary>
public sealed class CalendarConnectionFunctions(ConnectExternalCalendar calendars, TimeProvider clock)
{
    [Function("CalendarConnections")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "practitioners/{id}/calendar-connections")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await calendars.ListAsync(context.GetCaller(), id, context.CancellationToken), items => Responses.Json(new JsonObject { ["items"] = new JsonArray([.. items.Select(Json)]) }));

    [Function("ConnectCalendar")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public Task<IActionResult> Connect([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "practitioners/{id}/calendar-connections")] HttpRequest request, string id, FunctionContext context) =>
        RequestBody.HandleAsync<ConnectCalendarRequest>(request, context, async body =>
            Responses.From(await calendars.ConnectAsync(context.GetCaller(), id, body, context.CancellationToken), connection => Responses.Json(Json(connection), StatusCodes.Status201Created)));

    [Function("DisconnectCalendar")]
    [CallableBy(Role.Admin | Role.Practitioner)]
    public async Task<IActionResult> Disconnect([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "practitioners/{id}/calendar-connections/{provider}")] HttpRequest request, string id, string provider, FunctionContext context) =>
        Responses.From(await calendars.DisconnectAsync(context.GetCaller(), id, provider, context.CancellationToken), _ => new NoContentResult());

    /// <summary>What the practitioner sees: whose calendar, when it was last read and how many busy times it gave (never their titles: we never read them).</summary>
    private JsonNode Json(CalendarConnection c) => new JsonObject
    {
        ["provider"] = WireNames.Of(c.Provider),
        ["calendarId"] = c.CalendarId,
        ["connectedAt"] = c.ConnectedAt,
        ["connectedBy"] = c.ConnectedBy,
        ["syncedAt"] = c.SyncedAt,
        ["busyTimes"] = c.Busy.Count(b => b.End > clock.GetUtcNow()),
        ["nextBusy"] = c.Busy.Where(b => b.End > clock.GetUtcNow()).Select(b => new JsonObject { ["start"] = b.Start, ["end"] = b.End }).FirstOrDefault(),
        ["problem"] = c.Problem,
    };
}

/// <summary>Renews watches before they expire and syncs every connected calendar at least hourly (notifications are not guaranteed).</summary>
public sealed class KeepExternalCalendarsInSyncTimer(KeepExternalCalendarsInSync keeper)
{
    [Function("KeepExternalCalendarsInSync")]
    public Task Run([TimerTrigger("0 */15 * * * *")] TimerInfo timer, FunctionContext context) => keeper.RunAsync(context.CancellationToken);
}
