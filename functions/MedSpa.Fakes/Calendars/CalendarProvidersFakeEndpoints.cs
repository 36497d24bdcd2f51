using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace MedSpa.Fakes.Calendars;

/// <summary>
/// The fake's HTTP face: Microsoft Graph under /graph/v1.0 and Google Calendar under /google/calendar/v3 (each asks for
/// the bearer token), and at its root a page where a developer puts a busy time in a practitioner's calendar.
/// </summary>
public static class CalendarProvidersFakeEndpoints
{
    public static WebApplication Build(CalendarProvidersFake fake, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{fake.Options.Port}");
        customize?.Invoke(builder);
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(Page(), "text/html; charset=utf-8"));
        // Each handler names more than the HttpContext: a lambda of HttpContext alone is taken as a RequestDelegate and its IResult dropped.
        app.MapPost("/events", async (HttpContext http, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form["calendar"].ToString().Trim() is not { Length: > 0 } calendar
                || !DateTimeOffset.TryParse(form["start"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var start)
                || !int.TryParse(form["minutes"], out var minutes) || minutes is < 5 or > 24 * 60)
            {
                return Results.BadRequest("Give the calendar (a Google address or a Microsoft user id), a start (UTC) and 5 to 1440 minutes.");
            }

            await fake.AddEventAsync(calendar, start, start.AddMinutes(minutes));
            return Results.Redirect("/", permanent: false);
        });

        var graph = app.MapGroup("/graph/v1.0");
        graph.AddEndpointFilter(Authorized(fake));
        graph.MapPost("/subscriptions", async (HttpContext http, CancellationToken ct) => Answer(await fake.GraphCreateSubscriptionAsync(await BodyAsync(http), GraphBase(http))));
        graph.MapMethods("/subscriptions/{id}", ["PATCH"], async (HttpContext http, string id) => Answer(fake.GraphRenewSubscription(id, await BodyAsync(http), GraphBase(http))));
        graph.MapDelete("/subscriptions/{id}", (string id) => Answer(fake.GraphDeleteSubscription(id)));
        // Graph answers the function both ways: "delta" (the docs, our links) and "delta()" (the .NET SDK's template).
        foreach (var delta in new[] { "/users/{id}/calendarView/delta", "/users/{id}/calendarView/delta()" })
        {
            graph.MapGet(delta, (HttpContext http, string id) =>
            {
                var prefer = http.Request.Headers["Prefer"].ToString();
                var size = System.Text.RegularExpressions.Regex.Match(prefer, @"odata\.maxpagesize=(\d+)") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 10;
                return Answer(fake.GraphDelta(id, Query(http), size, GraphBase(http)));
            });
        }

        var google = app.MapGroup("/google/calendar/v3");
        google.AddEndpointFilter(Authorized(fake));
        google.MapPost("/calendars/{calendarId}/events/watch", async (HttpContext http, string calendarId) => Answer(await fake.GoogleWatchAsync(calendarId, await BodyAsync(http))));
        google.MapPost("/channels/stop", async (HttpContext http, CancellationToken ct) => Answer(fake.GoogleStop(await BodyAsync(http))));
        google.MapGet("/calendars/{calendarId}/events", (HttpContext http, string calendarId) => Answer(fake.GoogleList(calendarId, Query(http))));
        return app;
    }

    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Authorized(CalendarProvidersFake fake) => (context, next) =>
        fake.Authorized(context.HttpContext.Request.Headers.Authorization.ToString())
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "InvalidAuthenticationToken", ["message"] = "Access token is empty or invalid." } }, statusCode: 401));

    private static string GraphBase(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}/graph/v1.0";

    private static Dictionary<string, string> Query(HttpContext http) => http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);

    private static async Task<JsonObject?> BodyAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IResult Answer((int Status, JsonNode? Body) answer) =>
        answer.Body is null ? Results.StatusCode(answer.Status) : Results.Content(answer.Body.ToJsonString(), "application/json", Encoding.UTF8, answer.Status);

    private static string Page() => """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Calendars (local Google and Microsoft 365 fake)</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:48rem;padding:0 1rem;color:#1f2328}label{display:block;margin-top:.75rem}
        input{font:inherit;padding:.375rem .5rem;min-width:18rem;border:1px solid #6e7781;border-radius:6px}
        button{font:inherit;margin-top:1rem;padding:.375rem 1rem;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff}
        p.note{background:#fff8c5;padding:.5rem 1rem;border-radius:6px}</style></head><body><main><h1>Practitioners' own calendars</h1>
        <p class="note">A local stand-in for Google Calendar and Microsoft 365. A busy time added here reaches the app as the real services' notifications do,
        and blocks the practitioner's availability if their calendar is connected.</p>
        <form method="post" action="/events"><h2>Add a busy time</h2>
        <label for="calendar">Calendar (a Google address, or a Microsoft user object id)</label><input id="calendar" name="calendar" required>
        <label for="start">Starts (UTC, like 2026-12-03T15:00:00Z)</label><input id="start" name="start" required>
        <label for="minutes">Minutes</label><input id="minutes" name="minutes" value="60" inputmode="numeric" required>
        <button type="submit">Add busy time</button></form></main></body></html>
        """;
}

/// <summary>The local run's calendar fake on its own port (CalendarFake:Port, 12113).</summary>
public sealed class CalendarProvidersFakeServer(CalendarProvidersFake fake, ILogger<CalendarProvidersFakeServer> logger) : FakeServer
{
    protected override WebApplication Build() => CalendarProvidersFakeEndpoints.Build(fake);

    protected override void Started()
    {
        fake.App = Client;
        logger.LogInformation("Practitioners' Google and Microsoft 365 calendars: a local fake at http://127.0.0.1:{Port}/ (add busy times there).", fake.Options.Port);
    }
}
