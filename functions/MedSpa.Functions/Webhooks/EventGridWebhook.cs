using System.Security.Cryptography;
using System.Text;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using MedSpa.Core.Messaging;
using Microsoft.Extensions.Logging;

namespace MedSpa.Functions.Webhooks;

/// <summary>Event Grid's webhook for the ACS resource: the key its subscription URL carries (<c>?key=</c>).</summary>
public sealed class EventGridWebhookOptions
{
    public string Key { get; set; } = "";
}

/// <summary>
/// ACS's events through Event Grid: inbound texts (SMSReceived) and delivery reports (SMSDeliveryReportReceived,
/// EmailDeliveryReportReceived), in the
/// Event Grid schema (with its subscription validation handshake) or as CloudEvents (with the OPTIONS abuse-protection
/// handshake). Only a request carrying the subscription's key is read (400 otherwise). Each event is acted on once (a text by its
/// message id, a report by its message and status), and answered at once.
/// </summary>
public sealed class EventGridWebhook(EventGridWebhookOptions options, ReceiveSms receive, RecordDeliveryReport reports, Events.DomainEventPublisher followUps, ILogger<EventGridWebhook> logger)
{
    private const int MaxBytes = 1024 * 1024; // Event Grid delivers at most 1 MB per request

    [Function("EventGridWebhook")]
    [Anonymous]
    public async Task<IActionResult> Receive([HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "webhooks/eventgrid")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        if (options.Key.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Query["key"].ToString()), Encoding.UTF8.GetBytes(options.Key)))
        {
            // Refused as Stripe's unsigned events are (400: Event Grid does not retry it), never read further.
            return Problems.From(Error.Invalid.Field("key", "The Event Grid subscription's key is missing or wrong."));
        }

        if (HttpMethods.IsOptions(request.Method))
        {
            // CloudEvents webhook validation: allow the origin that asks.
            request.HttpContext.Response.Headers["WebHook-Allowed-Origin"] = request.Headers["WebHook-Request-Origin"].ToString() is { Length: > 0 } origin ? origin : "*";
            return new OkResult();
        }

        var body = await RequestBody.ReadBytesAsync(request, MaxBytes, "An Event Grid delivery is at most 1 MB.", context.CancellationToken);
        if (!body.IsSuccess)
        {
            return Problems.From(body.Error);
        }

        IReadOnlyList<(string Type, BinaryData Data)> events;
        try
        {
            var isCloudEvents = request.ContentType?.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase) == true;
            events = isCloudEvents
                ? [.. CloudEvent.ParseMany(BinaryData.FromBytes(body.Value), skipValidation: false).Select(e => (e.Type, e.Data ?? BinaryData.Empty))]
                : [.. EventGridEvent.ParseMany(BinaryData.FromBytes(body.Value)).Select(e => (e.EventType, e.Data))];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            return Problems.From(Error.Invalid.Field("body", "Not Event Grid events: a JSON array of events in the Event Grid schema, or CloudEvents."));
        }

        var outcomes = new JsonArray();
        foreach (var (type, data) in events)
        {
            var fields = EventFields.Of(data);
            switch (type)
            {
                case "Microsoft.EventGrid.SubscriptionValidationEvent" when fields.Text("validationCode") is { } code:
                    return new OkObjectResult(new JsonObject { ["validationResponse"] = code });
                case "Microsoft.Communication.SMSReceived" when fields.Text("messageId") is { } id && fields.Text("from") is { } from && fields.Text("message") is { } text:
                    outcomes.Add(await receive.ReceiveAsync(new InboundSms(id, from, fields.Text("to") ?? "", text, fields.Time("receivedTimestamp") ?? DateTimeOffset.UtcNow), context.CancellationToken));
                    break;
                case "Microsoft.Communication.SMSDeliveryReportReceived" when fields.Text("messageId") is { } id:
                    outcomes.Add(await reports.RecordAsync(new SmsDeliveryReport(id, fields.Text("tag"), fields.Text("deliveryStatus") ?? "", fields.Text("deliveryStatusDetails")), context.CancellationToken));
                    break;
                case "Microsoft.Communication.EmailDeliveryReportReceived" when fields.Text("messageId") is { } id:
                    outcomes.Add(await reports.RecordAsync(new EmailDeliveryReport(id, fields.Text("status") ?? "", fields.Detail("deliveryStatusDetails", "statusMessage")), context.CancellationToken));
                    break;
                default:
                    logger.LogInformation("Event Grid event {Type} not handled", type);
                    outcomes.Add("ignored");
                    break;
            }
        }

        // A text's C confirms a visit: its calendar hears of it (the follow-ups of what the texts changed).
        await followUps.PublishAsync(client, context.CancellationToken);
        return new OkObjectResult(new JsonObject { ["received"] = events.Count, ["outcomes"] = outcomes });
    }

    /// <summary>An event's data read by name in any case (Event Grid's docs write camelCase, its CloudEvents samples PascalCase).</summary>
    private sealed class EventFields(Dictionary<string, System.Text.Json.JsonElement> values)
    {
        public static EventFields Of(BinaryData data)
        {
            var values = new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.OrdinalIgnoreCase);
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(data);
                if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object)
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        values[property.Name] = property.Value.Clone();
                    }
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not an object: no fields, and the event is ignored.
            }

            return new EventFields(values);
        }

        public string? Text(string name) => values.TryGetValue(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;

        public DateTimeOffset? Time(string name) => values.TryGetValue(name, out var v) && v.TryGetDateTimeOffset(out var at) ? at : null;

        /// <summary>A text inside an object field (deliveryStatusDetails.statusMessage), by name in any case.</summary>
        public string? Detail(string name, string inner) =>
            values.TryGetValue(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Object
                ? v.EnumerateObject().Where(p => string.Equals(p.Name, inner, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == System.Text.Json.JsonValueKind.String).Select(p => p.Value.GetString()).FirstOrDefault()
                : null;
    }
}
