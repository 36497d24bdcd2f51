using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MedSpa.Fakes.Acs;

/// <summary>The fake resource's key, numbers and address, and where the local run serves it.</summary>
public sealed class AcsFakeOptions
{
    /// <summary>The resource's access key (base64 of 32 bytes): requests signed with any other are refused with 401.</summary>
    public string AccessKey { get; set; } = Convert.ToBase64String(Encoding.ASCII.GetBytes("medspa-local-acs-fake-access-key"));

    public string SmsFrom { get; set; } = "+18005550100";

    public string EmailFrom { get; set; } = "DoNotReply@medspa.local";

    /// <summary>The retry-after the fake gives while an email operation runs (ACS gives some seconds; 0 keeps local runs quick).</summary>
    public int EmailRetryAfterSeconds { get; set; }

    /// <summary>The port of the local run's fake; its outbox page is at its root. Tests use an in-memory server.</summary>
    public int Port { get; set; } = 12112;

    /// <summary>Where the fake delivers ACS's events (the app's Event Grid webhook with its key); null delivers none.</summary>
    public Uri? EventGridUrl { get; set; }

    public string ConnectionString(string endpoint) => $"endpoint={endpoint.TrimEnd('/')}/;accesskey={AccessKey}";
}

/// <summary>A text a developer sent from the outbox page as if a patient had replied.</summary>
public sealed record FakeReply(string MessageId, string From, string Text, DateTimeOffset At, string Outcome);

public sealed record FakeSms(string MessageId, string From, string To, string Text, string? Tag, DateTimeOffset At);

public sealed record FakeEmail(string OperationId, string From, string To, string? ToName, string Subject, string PlainText, IReadOnlyList<string> Attachments, DateTimeOffset At);

/// <summary>What the fake answers: a status, a JSON body, and headers.</summary>
public sealed record AcsFakeResponse(int Status, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A local Azure Communication Services for SMS and email that checks what ACS checks — the HMAC signature over the
/// verb, path and query, date, host and body hash; the API version; the sender; E.164 numbers; required fields — keeps
/// SMS repeatability (a repeated request id is answered as first, not sent again), runs email as an operation that is
/// polled to its end, throttles on request (429 with Retry-After), and records every message for the outbox page.
/// </summary>
public sealed partial class AcsFake(AcsFakeOptions options, TimeProvider clock)
{
    private static readonly string[] SmsVersions = ["2021-03-07", "2022-07-07", "2024-01-02", "2024-02-05", "2025-09-17", "2026-01-23"];
    private static readonly string[] EmailVersions = ["2023-03-31", "2025-09-01"];
    private readonly byte[] _key = Convert.FromBase64String(options.AccessKey);
    private readonly ConcurrentQueue<FakeSms> _sms = new();
    private readonly ConcurrentDictionary<Guid, string> _repeats = new();
    private readonly ConcurrentQueue<FakeEmail> _emails = new();
    private readonly ConcurrentDictionary<string, (FakeEmail Email, int Polls)> _operations = new();
    private readonly ConcurrentQueue<FakeReply> _replies = new();
    private readonly System.Threading.Channels.Channel<JsonObject> _events = System.Threading.Channels.Channel.CreateUnbounded<JsonObject>();
    private int _delivering;
    private int _throttle;
    private int _refused;

    public AcsFakeOptions Options => options;

    public IReadOnlyList<FakeSms> Sms => [.. _sms];

    public IReadOnlyList<FakeEmail> Emails => [.. _emails];

    public IReadOnlyList<FakeReply> Replies => [.. _replies];

    /// <summary>
    /// A patient's reply to the clinic's number, delivered to the app as ACS delivers it: an SMSReceived event in the
    /// Event Grid schema, posted to the app's webhook. Returns what the app answered.
    /// </summary>
    public async Task<FakeReply> ReplyAsync(HttpClient client, string from, string text, CancellationToken ct = default)
    {
        var id = $"Incoming_{clock.GetUtcNow():yyyyMMddHHmmss}{Guid.NewGuid():N}";
        var outcome = "not delivered: no Event Grid webhook configured";
        if (options.EventGridUrl is { } url)
        {
            var events = new JsonArray(EventGridEvent("Microsoft.Communication.SMSReceived", new JsonObject
            {
                ["messageId"] = id, ["from"] = from, ["to"] = options.SmsFrom, ["message"] = text, ["receivedTimestamp"] = clock.GetUtcNow(),
            }));
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(events.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.Add("aeg-event-type", "Notification");
            using var response = await client.SendAsync(request, ct);
            outcome = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
        }

        var reply = new FakeReply(id, from, text, clock.GetUtcNow(), outcome);
        _replies.Enqueue(reply);
        return reply;
    }

    /// <summary>Tells the app a text was delivered, as ACS's delivery report does (when the fake knows the app's webhook).</summary>
    private Task ReportDeliveredAsync(FakeSms sms) => SendEventAsync(EventGridEvent("Microsoft.Communication.SMSDeliveryReportReceived", new JsonObject
    {
        ["messageId"] = sms.MessageId, ["from"] = sms.From, ["to"] = sms.To, ["deliveryStatus"] = "Delivered", ["deliveryStatusDetails"] = "No error.",
        ["receivedTimestamp"] = clock.GetUtcNow(), ["tag"] = sms.Tag,
    }));

    /// <summary>
    /// Queues an event for the app's Event Grid webhook (when the fake knows it and has a way out: the local run's).
    /// Event Grid delivers in batches, an array of events per request: the fake sends what gathered, up to 100 at once.
    /// </summary>
    private Task SendEventAsync(JsonObject @event)
    {
        if (options.EventGridUrl is null || DeliveryReports is null)
        {
            return Task.CompletedTask;
        }

        _events.Writer.TryWrite(@event);
        if (Interlocked.Exchange(ref _delivering, 1) == 0)
        {
            _ = Task.Run(DeliverEventsAsync);
        }

        return Task.CompletedTask;
    }

    private async Task DeliverEventsAsync()
    {
        while (await _events.Reader.WaitToReadAsync())
        {
            await Task.Delay(200); // what arrives meanwhile goes in the same batch
            var batch = new JsonArray();
            while (batch.Count < 100 && _events.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, options.EventGridUrl) { Content = new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.Add("aeg-event-type", "Notification");
            try
            {
                using var response = await DeliveryReports!.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                // The app is stopping: reports lost here are ones Event Grid would have retried.
            }
        }
    }

    /// <summary>Tells the app what became of an email, as ACS's delivery report does: bounced for an address at bounce.example.</summary>
    private Task ReportEmailAsync(FakeEmail email) => SendEventAsync(EventGridEvent("Microsoft.Communication.EmailDeliveryReportReceived", new JsonObject
    {
        ["sender"] = email.From, ["recipient"] = email.To, ["messageId"] = email.OperationId,
        ["status"] = email.To.EndsWith("@bounce.example", StringComparison.OrdinalIgnoreCase) ? "Bounced" : "Delivered",
        ["deliveryStatusDetails"] = new JsonObject { ["statusMessage"] = email.To.EndsWith("@bounce.example", StringComparison.OrdinalIgnoreCase) ? "550 5.1.1 The email account does not exist." : "No error." },
        ["deliveryAttemptTimestamp"] = clock.GetUtcNow(),
    }));

    /// <summary>The client the fake's delivery reports go out with (the local run's server sets it; tests leave it null).</summary>
    public HttpClient? DeliveryReports { get; set; }

    private JsonObject EventGridEvent(string type, JsonObject data) => new()
    {
        ["id"] = Guid.NewGuid().ToString(), ["topic"] = "/subscriptions/local/resourceGroups/local/providers/Microsoft.Communication/communicationServices/medspa-fake",
        ["subject"] = $"/phonenumber/{options.SmsFrom.TrimStart('+')}", ["eventType"] = type, ["eventTime"] = clock.GetUtcNow(),
        ["dataVersion"] = "1.0", ["metadataVersion"] = "1", ["data"] = data,
    };

    /// <summary>How many requests were refused for their signature.</summary>
    public int RefusedSignatures => _refused;

    /// <summary>Answers the next <paramref name="requests"/> requests with 429, as ACS does over its limits.</summary>
    public void ThrottleNext(int requests) => Interlocked.Exchange(ref _throttle, requests);

    public AcsFakeResponse Handle(string method, string pathAndQuery, string host, Func<string, string?> header, byte[] body)
    {
        if (!Signed(method, pathAndQuery, host, header, body, out var why))
        {
            Interlocked.Increment(ref _refused);
            return Error(401, "Denied", why);
        }

        if (TakeThrottled())
        {
            return Error(429, "TooManyRequests", "Too many requests: retry after the time in Retry-After.", new() { ["Retry-After"] = "1" });
        }

        var (path, version) = Split(pathAndQuery);
        const string Operations = "/emails/operations/";
        return (method, path) switch
        {
            ("POST", "/sms") => SmsVersions.Contains(version) ? SendSms(Json(body)) : BadVersion(version),
            ("POST", "/emails:send") => EmailVersions.Contains(version) ? SendEmail(Json(body), header("Operation-Id"), host, version!) : BadVersion(version),
            ("GET", var p) when p.StartsWith(Operations, StringComparison.Ordinal) => EmailVersions.Contains(version) ? Poll(p[Operations.Length..]) : BadVersion(version),
            _ => Error(404, "NotFound", $"No such resource: {method} {path}."),
        };
    }

    private static AcsFakeResponse BadVersion(string? version) => Error(400, "InvalidApiVersion", $"The api-version '{version}' is not supported.");

    private bool TakeThrottled()
    {
        while (Volatile.Read(ref _throttle) is var left && left > 0)
        {
            if (Interlocked.CompareExchange(ref _throttle, left - 1, left) == left)
            {
                return true;
            }
        }

        return false;
    }

    private bool Signed(string method, string pathAndQuery, string host, Func<string, string?> header, byte[] body, out string why)
    {
        why = "";
        var date = header("x-ms-date");
        var hash = header("x-ms-content-sha256");
        var authorization = header("Authorization") ?? "";
        const string Prefix = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=";
        if (date is null || hash is null || !authorization.StartsWith(Prefix, StringComparison.Ordinal))
        {
            why = "The request is not signed: x-ms-date, x-ms-content-sha256 and an HMAC-SHA256 Authorization are required.";
            return false;
        }

        if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) || (clock.GetUtcNow() - at).Duration() > TimeSpan.FromMinutes(15))
        {
            why = "x-ms-date is not an RFC 1123 time within 15 minutes of now.";
            return false;
        }

        if (hash != Convert.ToBase64String(SHA256.HashData(body)))
        {
            why = "x-ms-content-sha256 is not the SHA-256 of the body.";
            return false;
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{method}\n{pathAndQuery}\n{date};{host};{hash}"));
        var given = TryBase64(authorization[Prefix.Length..]);
        if (given is null || !CryptographicOperations.FixedTimeEquals(expected, given))
        {
            why = "The signature does not match: signed with another key, or over another path, host or date.";
            return false;
        }

        return true;
    }

    private AcsFakeResponse SendSms(JsonObject? request)
    {
        if (request?["from"]?.GetValue<string>() is not { } from || from != options.SmsFrom)
        {
            return Error(400, "InvalidSender", $"'from' must be a number of this resource ({options.SmsFrom}).");
        }

        if (request["message"]?.GetValue<string>() is not { Length: > 0 and <= 2048 } text)
        {
            return Error(400, "InvalidMessage", "'message' is required, at most 2048 characters.");
        }

        if (request["smsRecipients"] is not JsonArray { Count: > 0 and <= 100 } recipients)
        {
            return Error(400, "InvalidRecipients", "'smsRecipients' needs 1 to 100 recipients.");
        }

        if (request["smsSendOptions"] is JsonObject sendOptions && sendOptions["enableDeliveryReport"] is null)
        {
            return Error(400, "InvalidSendOptions", "'smsSendOptions.enableDeliveryReport' is required.");
        }

        var tag = request["smsSendOptions"]?["tag"]?.GetValue<string>();
        var results = new JsonArray();
        foreach (var recipient in recipients)
        {
            var to = recipient?["to"]?.GetValue<string>() ?? "";
            var repeatId = recipient?["repeatabilityRequestId"]?.GetValue<string>();
            var firstSent = recipient?["repeatabilityFirstSent"]?.GetValue<string>();
            if (!E164().IsMatch(to))
            {
                results.Add(Result(to, null, 400, false, null, "Invalid To phone number format."));
            }
            else if ((repeatId is null) != (firstSent is null) || (repeatId is not null && !Guid.TryParse(repeatId, out _))
                || (firstSent is not null && !DateTimeOffset.TryParseExact(firstSent, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)))
            {
                results.Add(Result(to, null, 400, false, "rejected", "Request sent with Invalid DateTime value for repeatability-first-sent. Expected is DateTime, RFC1123 pattern."));
            }
            else
            {
                var fresh = $"Outgoing_{clock.GetUtcNow():yyyyMMddHHmmss}{Guid.NewGuid():N}_noam";
                var messageId = repeatId is null ? fresh : _repeats.GetOrAdd(Guid.Parse(repeatId), fresh);
                if (messageId == fresh)
                {
                    var sms = new FakeSms(messageId, from, to, text, tag, clock.GetUtcNow());
                    _sms.Enqueue(sms);
                    _ = Task.Run(() => ReportDeliveredAsync(sms));
                }

                results.Add(Result(to, messageId, 202, true, repeatId is null ? null : "accepted", null));
            }
        }

        return new AcsFakeResponse(202, new JsonObject { ["value"] = results }.ToJsonString(), new Dictionary<string, string>());
    }

    private AcsFakeResponse SendEmail(JsonObject? request, string? operationId, string host, string version)
    {
        if (operationId is not null && !Guid.TryParse(operationId, out _))
        {
            return Error(400, "InvalidOperationId", "Operation-Id must be a UUID.");
        }

        if (request?["senderAddress"]?.GetValue<string>() is not { } from || !string.Equals(from, options.EmailFrom, StringComparison.OrdinalIgnoreCase))
        {
            return Error(400, "InvalidSenderAddress", $"'senderAddress' must be an address of a connected domain ({options.EmailFrom}).");
        }

        var to = request["recipients"]?["to"] as JsonArray;
        if (to is not { Count: > 0 } || to.Any(r => r?["address"]?.GetValue<string>() is not { } a || !a.Contains('@')))
        {
            return Error(400, "InvalidRecipients", "'recipients.to' needs at least one entry with an address.");
        }

        var subject = request["content"]?["subject"]?.GetValue<string>();
        var plain = request["content"]?["plainText"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(subject) || (plain is null && request["content"]?["html"] is null))
        {
            return Error(400, "InvalidContent", "'content.subject' and one of 'content.plainText' or 'content.html' are required.");
        }

        var attachments = new List<string>();
        foreach (var attachment in request["attachments"] as JsonArray ?? [])
        {
            if (attachment?["name"]?.GetValue<string>() is not { } name || attachment["contentType"] is null || TryBase64(attachment["contentInBase64"]?.GetValue<string>() ?? "") is null)
            {
                return Error(400, "InvalidAttachment", "Every attachment needs 'name', 'contentType' and 'contentInBase64'.");
            }

            attachments.Add(name);
        }

        var id = operationId ?? Guid.NewGuid().ToString("D");
        var email = new FakeEmail(id, from, to[0]!["address"]!.GetValue<string>(), to[0]!["displayName"]?.GetValue<string>(), subject, plain ?? "", attachments, clock.GetUtcNow());
        if (_operations.TryAdd(id, (email, 0)))
        {
            _emails.Enqueue(email);
            _ = Task.Run(() => ReportEmailAsync(email));
        }

        return new AcsFakeResponse(202, new JsonObject { ["id"] = id, ["status"] = "Running" }.ToJsonString(), new Dictionary<string, string>
        {
            ["Operation-Location"] = $"http://{host}/emails/operations/{id}?api-version={version}",
            ["retry-after"] = options.EmailRetryAfterSeconds.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Running at the first look, finished at the next: dropped for an address at bounce.example, else succeeded.</summary>
    private AcsFakeResponse Poll(string id)
    {
        if (!_operations.TryGetValue(id, out var operation))
        {
            return Error(404, "NotFound", $"No email operation {id}.");
        }

        var polls = _operations.AddOrUpdate(id, operation, (_, o) => (o.Email, o.Polls + 1)).Polls;
        var dropped = operation.Email.To.EndsWith("@bounce.example", StringComparison.OrdinalIgnoreCase);
        var body = new JsonObject { ["id"] = id, ["status"] = polls < 1 ? "Running" : dropped ? "Failed" : "Succeeded" };
        if (polls >= 1 && dropped)
        {
            body["error"] = new JsonObject { ["code"] = "EmailDropped", ["message"] = "Email was dropped after several attempts to deliver." };
        }

        var headers = new Dictionary<string, string>();
        if (polls < 1)
        {
            headers["retry-after"] = options.EmailRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return new AcsFakeResponse(200, body.ToJsonString(), headers);
    }

    private static JsonObject Result(string to, string? messageId, int status, bool successful, string? repeatability, string? error) => new()
    {
        ["to"] = to, ["messageId"] = messageId, ["httpStatusCode"] = status, ["successful"] = successful, ["repeatabilityResult"] = repeatability, ["errorMessage"] = error,
    };

    private static AcsFakeResponse Error(int status, string code, string message, Dictionary<string, string>? headers = null)
    {
        headers ??= [];
        headers["x-ms-error-code"] = code;
        return new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString(), headers);
    }

    private static (string Path, string? Version) Split(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?');
        var path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        var version = q < 0 ? null : System.Web.HttpUtility.ParseQueryString(pathAndQuery[(q + 1)..])["api-version"];
        return (path, version);
    }

    private static JsonObject? Json(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static byte[]? TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
