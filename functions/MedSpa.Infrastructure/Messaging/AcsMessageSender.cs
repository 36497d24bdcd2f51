using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using MedSpa.Core.Messaging;

namespace MedSpa.Infrastructure.Messaging;

/// <summary>Where messages go: the ACS resource, the numbers and addresses we send from, the API versions we speak.</summary>
public sealed class AcsOptions
{
    /// <summary><c>endpoint=…;accesskey=…</c> (HMAC), or just the endpoint with <see cref="Endpoint"/> and the managed identity.</summary>
    public string? ConnectionString { get; set; }

    public string? Endpoint { get; set; }

    /// <summary>The SMS sender: a number of the resource in E.164 (toll-free or short code).</summary>
    public string SmsFrom { get; set; } = "";

    /// <summary>An address of a domain connected to the resource, e.g. DoNotReply@….azurecomm.net.</summary>
    public string EmailFrom { get; set; } = "";

    public string SmsApiVersion { get; set; } = "2026-01-23";

    public string EmailApiVersion { get; set; } = "2025-09-01";

    /// <summary>How long a send waits for the email operation to finish before leaving it to the delivery report.</summary>
    public TimeSpan EmailPollLimit { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Azure.Core's options for our ACS pipeline: exponential retries of 408/429/5xx that honour Retry-After.</summary>
public sealed class AcsClientOptions : ClientOptions
{
    public AcsClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromSeconds(0.5);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
    }
}

/// <summary>
/// SMS and email through Azure Communication Services' REST API on Azure.Core's pipeline (the ACS SDKs are not in our
/// package feed): HMAC-signed or with a managed-identity token; SMS with per-recipient repeatability (our stored id and
/// first-sent time, unchanged on every retry); email as a long-running operation under our own Operation-Id, looked up
/// before a repeat so a send already made is not made again, and polled at its Operation-Location.
/// </summary>
public sealed class AcsMessageSender : IMessageSender
{
    public const string TokenScope = "https://communication.azure.com//.default";

    private readonly AcsOptions _options;
    private readonly AcsConnection _connection;
    private readonly HttpPipeline _pipeline;

    public AcsMessageSender(AcsOptions options, TimeProvider clock, AcsClientOptions? clientOptions = null, TokenCredential? credential = null)
    {
        _options = options;
        _connection = options.ConnectionString is { Length: > 0 } cs ? AcsConnection.Parse(cs)
            : options.Endpoint is { Length: > 0 } endpoint ? new AcsConnection(new Uri(endpoint.TrimEnd('/')), null)
            : throw new InvalidOperationException("Set Acs:ConnectionString, or Acs:Endpoint to sign in with the managed identity.");
        HttpPipelinePolicy auth = _connection.AccessKey is { } key
            ? new AcsHmacPolicy(key, clock)
            : new BearerTokenAuthenticationPolicy(credential ?? new Azure.Identity.DefaultAzureCredential(), TokenScope);
        _pipeline = HttpPipelineBuilder.Build(clientOptions ?? new AcsClientOptions(), auth);
    }

    public async Task<SendOutcome> SendSmsAsync(SmsMessage message, CancellationToken ct = default)
    {
        var body = new JsonObject
        {
            ["from"] = _options.SmsFrom,
            ["smsRecipients"] = new JsonArray(new JsonObject
            {
                ["to"] = message.To,
                ["repeatabilityRequestId"] = message.RepeatabilityId.ToString("D"),
                ["repeatabilityFirstSent"] = message.FirstSent.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture),
            }),
            ["message"] = message.Text,
            ["smsSendOptions"] = new JsonObject { ["enableDeliveryReport"] = true, ["tag"] = message.Tag },
        };
        using var sent = await SendAsync(RequestMethod.Post, $"/sms?api-version={_options.SmsApiVersion}", body, null, ct);
        var response = sent.Response;
        if (response.Status != 202)
        {
            return Unsent(response);
        }

        var result = JsonNode.Parse(response.Content.ToString())?["value"]?.AsArray().FirstOrDefault();
        return result switch
        {
            null => new SendOutcome.TryLater("ACS answered without a result for the number.", null),
            _ when result["successful"]?.GetValue<bool>() == true && result["messageId"]?.GetValue<string>() is { } id => new SendOutcome.Accepted(id),
            _ when result["httpStatusCode"]?.GetValue<int>() is 429 or >= 500 => new SendOutcome.TryLater(result["errorMessage"]?.GetValue<string>() ?? "ACS could not send it now.", null),
            _ => new SendOutcome.Refused(result["errorMessage"]?.GetValue<string>() ?? "ACS refused the number."),
        };
    }

    public async Task<SendOutcome> SendEmailAsync(EmailMessage message, CancellationToken ct = default)
    {
        var operationId = message.OperationId.ToString("D");
        var statusPath = $"/emails/operations/{operationId}?api-version={_options.EmailApiVersion}";

        // A send already made under this id (a crash before it was recorded) is not made again: it is followed.
        if (message.MayHaveBeenSent)
        {
            using var known = await SendAsync(RequestMethod.Get, statusPath, null, null, ct);
            if (known.Response.Status == 200)
            {
                return await FollowAsync(Operation.Of(known.Response), _connection.Url(statusPath), ct);
            }
        }

        var body = new JsonObject
        {
            ["senderAddress"] = _options.EmailFrom,
            ["recipients"] = new JsonObject { ["to"] = new JsonArray(new JsonObject { ["address"] = message.To, ["displayName"] = message.ToName }) },
            ["content"] = new JsonObject { ["subject"] = message.Subject, ["plainText"] = message.PlainText },
            ["attachments"] = new JsonArray([.. message.Attachments.Select(a => (JsonNode)new JsonObject
            {
                ["name"] = a.Name, ["contentType"] = a.ContentType, ["contentInBase64"] = Convert.ToBase64String(a.Content),
            })]),
        };
        using var sent = await SendAsync(RequestMethod.Post, $"/emails:send?api-version={_options.EmailApiVersion}", body, operationId, ct);
        var response = sent.Response;
        if (response.Status != 202)
        {
            return Unsent(response);
        }

        var location = response.Headers.TryGetValue("Operation-Location", out var given) && Uri.TryCreate(given, UriKind.Absolute, out var uri) ? uri : _connection.Url(statusPath);
        return await FollowAsync(Operation.Of(response), location, ct);
    }

    /// <summary>Polls the email's operation (waiting what retry-after asks) until it ends or the poll limit is reached.</summary>
    private async Task<SendOutcome> FollowAsync(Operation operation, Uri location, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        while (true)
        {
            var id = operation.Body?["id"]?.GetValue<string>() ?? "";
            switch (operation.Body?["status"]?.GetValue<string>()?.ToLowerInvariant())
            {
                case "succeeded":
                    return new SendOutcome.Accepted(id);
                case "failed" or "canceled":
                    return new SendOutcome.Refused(operation.Body?["error"]?["message"]?.GetValue<string>() ?? "ACS did not send the email.");
            }

            var wait = operation.RetryAfter ?? TimeSpan.FromSeconds(1);
            if (DateTimeOffset.UtcNow - started + wait > _options.EmailPollLimit)
            {
                return new SendOutcome.Accepted(id); // still running: its delivery report tells the rest
            }

            await Task.Delay(wait, ct);
            using var polled = await SendAsync(RequestMethod.Get, location.PathAndQuery, null, null, ct, location);
            if (polled.Response.Status != 200)
            {
                return new SendOutcome.Accepted(id);
            }

            operation = Operation.Of(polled.Response);
        }
    }

    /// <summary>An email operation's status document and how long ACS asks us to wait before the next look.</summary>
    private sealed record Operation(JsonNode? Body, TimeSpan? RetryAfter)
    {
        public static Operation Of(Response response) => new(JsonNode.Parse(response.Content.ToString()), AcsMessageSender.RetryAfter(response));
    }

    private async Task<HttpMessage> SendAsync(RequestMethod method, string pathAndQuery, JsonObject? body, string? operationId, CancellationToken ct, Uri? absolute = null)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(absolute ?? _connection.Url(pathAndQuery));
        message.Request.Headers.SetValue("Accept", "application/json");
        if (body is not null)
        {
            // The exact bytes that are hashed are the bytes sent.
            message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body));
            message.Request.Headers.SetValue("Content-Type", "application/json");
        }

        if (operationId is not null)
        {
            message.Request.Headers.SetValue("Operation-Id", operationId);
        }

        await _pipeline.SendAsync(message, ct);
        return message;
    }

    private static SendOutcome Unsent(Response response)
    {
        var error = response.Content.ToString() is { Length: > 0 } text && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)?["error"]?["message"]?.GetValue<string>() : null;
        var reason = $"ACS answered {response.Status}{(error is null ? "" : $": {error}")}";
        return response.Status is 401 or 403 or 408 or 429 or >= 500
            ? new SendOutcome.TryLater(reason, RetryAfter(response)) // a key being rotated, throttling, an outage: later
            : new SendOutcome.Refused(reason);
    }

    private static TimeSpan? RetryAfter(Response response) =>
        response.Headers.TryGetValue("retry-after", out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
