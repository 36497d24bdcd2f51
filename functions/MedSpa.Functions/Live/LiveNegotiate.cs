using MedSpa.Core.Live;

namespace MedSpa.Functions.Live;

/// <summary>
/// Where a browser listens for changes (the SignalR client's negotiate, answered with a redirect to the service and a
/// token for one hub): staff to their clinic's calendar hub, anyone booking to its slots hub. Answered 404 where this
/// app has no live updates, and the page keeps polling.
/// </summary>
public sealed class LiveNegotiate(ILiveUpdates live)
{
    [Function("LiveCalendarNegotiate")]
    [CallableBy(Role.Staff)]
    public IActionResult Calendar([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "live/calendar/negotiate")] HttpRequest request, FunctionContext context)
    {
        var caller = context.GetCaller();
        return Answer(request, live.Connect(LiveHubs.Calendar(caller.TenantId), caller.UserId));
    }

    [Function("LiveSlotsNegotiate")]
    [Anonymous]
    public IActionResult Slots([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "booking/live/negotiate")] HttpRequest request, FunctionContext context)
    {
        if (Booking.Clinic.Of(context, request) is not { } tenantId)
        {
            return Booking.Clinic.Required();
        }

        return Answer(request, live.Connect(LiveHubs.Slots(tenantId), context.FindCaller()?.UserId ?? $"visitor-{Guid.NewGuid():N}"));
    }

    private static IActionResult Answer(HttpRequest request, LiveConnection? connection)
    {
        if (connection is null)
        {
            return Problems.From(new Error.NotFound("Live updates are not set up here: pages check for changes on their own."));
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Responses.Json(new JsonObject { ["url"] = connection.Url, ["accessToken"] = connection.AccessToken });
    }
}
