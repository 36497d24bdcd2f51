using MedSpa.Core.Calendars;

namespace MedSpa.Functions.Webhooks;

/// <summary>
/// Practitioners' own calendars telling us they changed. Microsoft Graph: its validation handshake (the token echoed
/// as text/plain, before anything else), then change and lifecycle notifications believed only with the subscription's
/// clientState (202; 403 when none is). Google: push notifications (no body, X-Goog-* headers) believed only with the
/// channel's token (200; the channel's first "sync" message is acknowledged and changes nothing).
/// </summary>
public sealed class CalendarWebhooks(ReceiveCalendarNotification receive)
{
    private const int MaxBytes = 1024 * 1024;

    [Function("GraphWebhook")]
    [Anonymous]
    public Task<IActionResult> Graph([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/graph")] HttpRequest request, FunctionContext context) =>
        FromGraphAsync(request, context);

    [Function("GraphLifecycleWebhook")]
    [Anonymous]
    public Task<IActionResult> GraphLifecycle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/graph/lifecycle")] HttpRequest request, FunctionContext context) =>
        FromGraphAsync(request, context);

    [Function("GoogleCalendarWebhook")]
    [Anonymous]
    public async Task<IActionResult> Google([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/google")] HttpRequest request, FunctionContext context)
    {
        string? Header(string name) => request.Headers.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 and <= 512 } text ? text : null;
        if (Header("X-Goog-Channel-ID") is null || Header("X-Goog-Resource-State") is null)
        {
            return Problems.From(Error.Invalid.Field("X-Goog-Channel-ID", "Not a Google Calendar push notification (X-Goog-Channel-ID and X-Goog-Resource-State are required)."));
        }

        var received = await receive.FromGoogleAsync(new GoogleNotification(Header("X-Goog-Channel-ID"), Header("X-Goog-Channel-Token"), Header("X-Goog-Resource-State"), Header("X-Goog-Resource-ID")), context.CancellationToken);
        return Responses.From(received, _ => new OkResult());
    }

    private async Task<IActionResult> FromGraphAsync(HttpRequest request, FunctionContext context)
    {
        if (request.Query.TryGetValue("validationToken", out var validationToken))
        {
            // The handshake: the decoded token back as plain text, nothing else read (Graph waits 10 seconds at most).
            return validationToken.ToString() is { Length: > 0 and <= 2048 } token
                ? new ContentResult { Content = token, ContentType = "text/plain", StatusCode = StatusCodes.Status200OK }
                : Problems.From(Error.Invalid.Field("validationToken", "Empty or too long."));
        }

        var body = await RequestBody.ReadBytesAsync(request, MaxBytes, "A Graph notification is at most 1 MB.", context.CancellationToken);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Error);
        }

        List<GraphNotification> items;
        try
        {
            items = [.. (JsonNode.Parse(body.Value)?["value"]?.AsArray() ?? throw new FormatException()).Select(item => new GraphNotification(
                Text(item, "subscriptionId"), Text(item, "clientState"), Text(item, "changeType"), Text(item, "lifecycleEvent")))];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return Problems.From(Error.Invalid.Field("value", "Not Graph notifications: a JSON object with a \"value\" array of change notifications."));
        }

        if (items.Count is 0 or > 1000)
        {
            return Problems.From(Error.Invalid.Field("value", "Between 1 and 1000 notifications."));
        }

        return Responses.From(await receive.FromGraphAsync(items, context.CancellationToken), _ => new AcceptedResult());
    }

    private static string? Text(JsonNode? item, string name) =>
        item is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}
