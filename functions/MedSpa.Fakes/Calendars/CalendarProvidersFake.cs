using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace MedSpa.Fakes.Calendars;

public sealed class CalendarProvidersFakeOptions
{
    /// <summary>The port of the local run's fake (Graph under /graph/v1.0, Google under /google/calendar/v3). Tests use an in-memory server.</summary>
    public int Port { get; set; } = 12113;

    /// <summary>The bearer token both fake APIs accept (a real one comes from Entra or a Google service account).</summary>
    public string AccessToken { get; set; } = "medspa-local-calendar-token";
}

/// <summary>An event in a fake calendar: busy unless marked free; removed events stay as tombstones for deltas.</summary>
public sealed record FakeCalendarEvent(string Id, DateTimeOffset Start, DateTimeOffset End, bool Free, bool Removed, long Version, string Subject);

/// <summary>A notification the fake delivered to the app, and what the app answered.</summary>
public sealed record FakeCalendarNotification(string Provider, string WatchId, string Kind, int Status);

/// <summary>
/// Local stand-ins for Microsoft Graph's calendar subscriptions and Google Calendar's push channels, speaking their wire
/// formats and checking what they check: a bearer token; Graph's validation handshake before a subscription exists
/// (the app must echo the validationToken as text/plain), its 4,230-minute limit, clientState in every notification,
/// calendarView delta with nextLink pages and deltaLinks (410 once expired); Google's channel fields, the "sync"
/// message first, X-Goog-* headers with the channel token, events.list with page and sync tokens (410 once expired,
/// timeMin refused with a sync token). Tests (and the local run) change events; subscribers are told as the real ones are.
/// </summary>
public sealed class CalendarProvidersFake(CalendarProvidersFakeOptions options, TimeProvider clock)
{
    public const int GraphMaxMinutes = 4230;
    private readonly object _gate = new();
    private readonly Dictionary<string, List<FakeCalendarEvent>> _calendars = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, GraphSubscription> _graphSubscriptions = new();
    private readonly ConcurrentDictionary<string, GoogleChannel> _googleChannels = new();
    private readonly ConcurrentQueue<FakeCalendarNotification> _delivered = new();
    private long _version;
    private long _expiredBefore;
    private long _messageNumber = 1;

    private sealed record GraphSubscription(string Id, string UserId, Uri NotificationUrl, string? ClientState, DateTimeOffset ExpiresAt);

    private sealed record GoogleChannel(string Id, string ResourceId, string CalendarId, Uri Address, string? Token, DateTimeOffset ExpiresAt);

    public CalendarProvidersFakeOptions Options => options;

    /// <summary>How the fake reaches the app (its webhooks): the local run's HTTP client, or a test server's.</summary>
    public HttpClient? App { get; set; }

    public IReadOnlyList<FakeCalendarNotification> Delivered => [.. _delivered];

    public int GraphSubscriptions => _graphSubscriptions.Count;

    public int GoogleChannels => _googleChannels.Count;

    /// <summary>When the live Graph subscription or Google channel for a calendar expires (null: none).</summary>
    public DateTimeOffset? WatchExpiry(string calendarId) =>
        _graphSubscriptions.Values.Where(s => s.UserId.Equals(calendarId, StringComparison.OrdinalIgnoreCase)).Select(s => (DateTimeOffset?)s.ExpiresAt)
            .Concat(_googleChannels.Values.Where(c => c.CalendarId.Equals(calendarId, StringComparison.OrdinalIgnoreCase)).Select(c => (DateTimeOffset?)c.ExpiresAt)).Max();

    /// <summary>Puts a busy (or free) event in a calendar and notifies its watchers. Returns the event's id.</summary>
    public async Task<string> AddEventAsync(string calendarId, DateTimeOffset start, DateTimeOffset end, bool free = false, string subject = "Busy")
    {
        var id = $"evt-{Guid.NewGuid():N}"[..20];
        Put(calendarId, new FakeCalendarEvent(id, start, end, free, false, 0, subject));
        await NotifyAsync(calendarId, id, "created");
        return id;
    }

    public async Task MoveEventAsync(string calendarId, string eventId, DateTimeOffset start, DateTimeOffset end)
    {
        Put(calendarId, Find(calendarId, eventId) with { Start = start, End = end });
        await NotifyAsync(calendarId, eventId, "updated");
    }

    public async Task DeleteEventAsync(string calendarId, string eventId)
    {
        Put(calendarId, Find(calendarId, eventId) with { Removed = true });
        await NotifyAsync(calendarId, eventId, "deleted");
    }

    /// <summary>Makes every sync state given so far unusable (Graph and Google then answer 410: a full sync is needed).</summary>
    public void ExpireSyncStates() => Interlocked.Exchange(ref _expiredBefore, Interlocked.Read(ref _version) + 1);

    /// <summary>Graph's lifecycle event for a user's subscriptions (reauthorizationRequired, subscriptionRemoved, missed).</summary>
    public async Task<int> SendLifecycleAsync(string userId, string lifecycleEvent, Uri lifecycleUrl)
    {
        var status = 0;
        foreach (var s in _graphSubscriptions.Values.Where(s => s.UserId.Equals(userId, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (lifecycleEvent == "subscriptionRemoved")
            {
                _graphSubscriptions.TryRemove(s.Id, out _);
            }

            status = await PostJsonAsync(lifecycleUrl, new JsonObject
            {
                ["value"] = new JsonArray(new JsonObject
                {
                    ["subscriptionId"] = s.Id, ["subscriptionExpirationDateTime"] = s.ExpiresAt, ["tenantId"] = "fake-tenant", ["clientState"] = s.ClientState,
                    ["lifecycleEvent"] = lifecycleEvent,
                }),
            });
            _delivered.Enqueue(new("microsoft", s.Id, lifecycleEvent, status));
        }

        return status;
    }

    /// <summary>Sends a notification as Graph would, with the given clientState (a forger's), for the subscription of a user.</summary>
    public Task<int> ForgeGraphNotificationAsync(string userId, string clientState)
    {
        var s = _graphSubscriptions.Values.First(s => s.UserId.Equals(userId, StringComparison.OrdinalIgnoreCase));
        return PostJsonAsync(s.NotificationUrl, GraphChange(s with { ClientState = clientState }, "evt-forged", "created"));
    }

    /// <summary>Sends a push as Google would, with the given token (a forger's), for the channel of a calendar.</summary>
    public Task<int> ForgeGooglePushAsync(string calendarId, string? token)
    {
        var c = _googleChannels.Values.First(c => c.CalendarId.Equals(calendarId, StringComparison.OrdinalIgnoreCase));
        return PushAsync(c with { Token = token }, "exists");
    }

    private FakeCalendarEvent Find(string calendarId, string eventId)
    {
        lock (_gate)
        {
            return _calendars[calendarId].Single(e => e.Id == eventId);
        }
    }

    private void Put(string calendarId, FakeCalendarEvent e)
    {
        lock (_gate)
        {
            var events = _calendars.TryGetValue(calendarId, out var list) ? list : _calendars[calendarId] = [];
            events.RemoveAll(x => x.Id == e.Id);
            events.Add(e with { Version = ++_version });
        }
    }

    private List<FakeCalendarEvent> Events(string calendarId)
    {
        lock (_gate)
        {
            return _calendars.TryGetValue(calendarId, out var list) ? [.. list] : [];
        }
    }

    private async Task NotifyAsync(string calendarId, string eventId, string changeType)
    {
        foreach (var s in _graphSubscriptions.Values.Where(s => s.UserId.Equals(calendarId, StringComparison.OrdinalIgnoreCase) && s.ExpiresAt > clock.GetUtcNow()).ToList())
        {
            _delivered.Enqueue(new("microsoft", s.Id, changeType, await PostJsonAsync(s.NotificationUrl, GraphChange(s, eventId, changeType))));
        }

        foreach (var c in _googleChannels.Values.Where(c => c.CalendarId.Equals(calendarId, StringComparison.OrdinalIgnoreCase) && c.ExpiresAt > clock.GetUtcNow()).ToList())
        {
            _delivered.Enqueue(new("google", c.Id, "exists", await PushAsync(c, "exists")));
        }
    }

    private static JsonObject GraphChange(GraphSubscription s, string eventId, string changeType) => new()
    {
        ["value"] = new JsonArray(new JsonObject
        {
            ["subscriptionId"] = s.Id, ["subscriptionExpirationDateTime"] = s.ExpiresAt, ["changeType"] = changeType, ["clientState"] = s.ClientState,
            ["resource"] = $"Users/{s.UserId}/Events/{eventId}", ["tenantId"] = "fake-tenant",
            ["resourceData"] = new JsonObject { ["@odata.type"] = "#Microsoft.Graph.Event", ["@odata.id"] = $"Users/{s.UserId}/Events/{eventId}", ["id"] = eventId },
        }),
    };

    private async Task<int> PostJsonAsync(Uri url, JsonObject body)
    {
        if (App is not { } client)
        {
            return 0;
        }

        using var response = await client.PostAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return (int)response.StatusCode;
    }

    private async Task<int> PushAsync(GoogleChannel c, string state)
    {
        if (App is not { } client)
        {
            return 0;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, c.Address);
        request.Headers.TryAddWithoutValidation("X-Goog-Channel-ID", c.Id);
        request.Headers.TryAddWithoutValidation("X-Goog-Message-Number", Interlocked.Increment(ref _messageNumber).ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Goog-Resource-ID", c.ResourceId);
        request.Headers.TryAddWithoutValidation("X-Goog-Resource-State", state);
        request.Headers.TryAddWithoutValidation("X-Goog-Resource-URI", $"https://www.googleapis.com/calendar/v3/calendars/{Uri.EscapeDataString(c.CalendarId)}/events?alt=json");
        request.Headers.TryAddWithoutValidation("X-Goog-Channel-Expiration", c.ExpiresAt.ToString("r", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("User-Agent", "APIs-Google");
        if (c.Token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Goog-Channel-Token", c.Token);
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    // ---- The wire: what the app calls. Each returns (status, JSON body or null).

    public bool Authorized(string? authorization) => authorization == $"Bearer {options.AccessToken}";

    public async Task<(int Status, JsonNode? Body)> GraphCreateSubscriptionAsync(JsonObject? body, string baseUrl)
    {
        var changeType = body?["changeType"]?.GetValue<string>();
        var resource = body?["resource"]?.GetValue<string>();
        var clientState = body?["clientState"]?.GetValue<string>();
        if (changeType is null || body?["notificationUrl"]?.GetValue<string>() is not { } notification || !Uri.TryCreate(notification, UriKind.Absolute, out var notificationUrl)
            || resource is null || body["expirationDateTime"]?.GetValue<DateTimeOffset>() is not { } expires)
        {
            return GraphError(400, "InvalidRequest", "changeType, notificationUrl, resource and expirationDateTime are required.");
        }

        var user = resource.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["users", var u, "events"] ? u : null;
        if (user is null || !Guid.TryParse(user, out _))
        {
            return GraphError(400, "InvalidRequest", $"Resource '{resource}' is not a user's events (/users/{{object id}}/events).");
        }

        var now = clock.GetUtcNow();
        if (expires <= now || expires > now.AddMinutes(GraphMaxMinutes))
        {
            return GraphError(400, "InvalidRequest", $"Subscription expiration can only be {GraphMaxMinutes} minutes in the future.");
        }

        if (clientState is { Length: > 128 })
        {
            return GraphError(400, "InvalidRequest", "clientState is at most 128 characters.");
        }

        foreach (var url in new[] { notificationUrl, body["lifecycleNotificationUrl"]?.GetValue<string>() is { } l ? new Uri(l) : null })
        {
            if (url is not null && !await ValidatesAsync(url))
            {
                return GraphError(400, "ValidationError", $"Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request ({url}).");
            }
        }

        var s = new GraphSubscription(Guid.NewGuid().ToString(), user, notificationUrl, clientState, expires);
        _graphSubscriptions[s.Id] = s;
        return (201, GraphSubscriptionJson(s, changeType, resource, baseUrl));
    }

    /// <summary>Graph's handshake: POST ?validationToken=… as text/plain; the answer must be 200, text/plain, the token itself.</summary>
    private async Task<bool> ValidatesAsync(Uri url)
    {
        if (App is not { } client)
        {
            return false;
        }

        var token = $"Validation: Testing client application reachability for subscription Request-Id: {Guid.NewGuid()}";
        var target = new UriBuilder(url) { Query = (url.Query.Length > 1 ? url.Query[1..] + "&" : "") + "validationToken=" + Uri.EscapeDataString(token) }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent("", Encoding.UTF8, "text/plain") };
        using var response = await client.SendAsync(request);
        return response.StatusCode == System.Net.HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/plain"
            && await response.Content.ReadAsStringAsync() == token;
    }

    public (int Status, JsonNode? Body) GraphRenewSubscription(string id, JsonObject? body, string baseUrl)
    {
        if (!_graphSubscriptions.TryGetValue(id, out var s))
        {
            return GraphError(404, "ResourceNotFound", "The object was not found.");
        }

        if (body?["expirationDateTime"]?.GetValue<DateTimeOffset>() is not { } expires || expires <= clock.GetUtcNow() || expires > clock.GetUtcNow().AddMinutes(GraphMaxMinutes))
        {
            return GraphError(400, "InvalidRequest", $"Subscription expiration can only be {GraphMaxMinutes} minutes in the future.");
        }

        _graphSubscriptions[id] = s with { ExpiresAt = expires };
        return (200, GraphSubscriptionJson(s with { ExpiresAt = expires }, "created,updated,deleted", $"/users/{s.UserId}/events", baseUrl));
    }

    public (int Status, JsonNode? Body) GraphDeleteSubscription(string id) =>
        _graphSubscriptions.TryRemove(id, out _) ? (204, null) : GraphError(404, "ResourceNotFound", "The object was not found.");

    /// <summary>calendarView delta: a first round needs the window; later rounds follow $skiptoken / $deltatoken links.</summary>
    public (int Status, JsonNode? Body) GraphDelta(string userId, IReadOnlyDictionary<string, string> query, int pageSize, string baseUrl)
    {
        long since = 0;
        DateTimeOffset from, to;
        var skip = 0;
        if (query.TryGetValue("$deltatoken", out var delta) || query.TryGetValue("$skiptoken", out delta))
        {
            var isSkip = query.ContainsKey("$skiptoken");
            if (Decode(delta) is not { } state || (state.Since < Interlocked.Read(ref _expiredBefore) && !(isSkip && state.Since == 0)))
            {
                return GraphError(410, "syncStateNotFound", "The sync state generation is not found; start a new delta round.");
            }

            (since, from, to, skip) = (state.Since, state.From, state.To, isSkip ? state.Skip : 0);
        }
        else if (!query.TryGetValue("startDateTime", out var start) || !query.TryGetValue("endDateTime", out var end)
            || !DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out from)
            || !DateTimeOffset.TryParse(end, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out to))
        {
            return GraphError(400, "ErrorInvalidParameter", "startDateTime and endDateTime are required on the first delta request.");
        }

        var now = Interlocked.Read(ref _version);
        // Later rounds report what left the window as Graph does: deleted or moved out of range, each as @removed.
        bool InWindow(FakeCalendarEvent e) => !e.Removed && e.Start < to && e.End > from;
        var changed = Events(userId).Where(e => e.Version > since && (since > 0 || InWindow(e))).OrderBy(e => e.Version).ToList();
        var page = changed.Skip(skip).Take(pageSize).Select(e => !InWindow(e)
            ? new JsonObject { ["id"] = e.Id, ["@removed"] = new JsonObject { ["reason"] = "deleted" } }
            : new JsonObject
            {
                ["id"] = e.Id, ["subject"] = e.Subject, ["isCancelled"] = false, ["showAs"] = e.Free ? "free" : "busy", ["isAllDay"] = false,
                ["start"] = new JsonObject { ["dateTime"] = e.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
                ["end"] = new JsonObject { ["dateTime"] = e.End.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
            }).ToList();
        var result = new JsonObject { ["@odata.context"] = $"{baseUrl}/$metadata#Collection(event)", ["value"] = new JsonArray([.. page]) };
        var link = $"{baseUrl}/users/{userId}/calendarView/delta";
        if (skip + pageSize < changed.Count)
        {
            result["@odata.nextLink"] = $"{link}?$skiptoken={Encode(new(since, from, to, skip + pageSize))}";
        }
        else
        {
            result["@odata.deltaLink"] = $"{link}?$deltatoken={Encode(new(now, from, to, 0))}";
        }

        return (200, result);
    }

    private sealed record SyncState(long Since, DateTimeOffset From, DateTimeOffset To, int Skip);

    private static string Encode(SyncState s) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{s.Since}|{s.From.UtcTicks}|{s.To.UtcTicks}|{s.Skip}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static SyncState? Decode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4))).Split('|');
            return new SyncState(long.Parse(parts[0], CultureInfo.InvariantCulture), new DateTimeOffset(long.Parse(parts[1], CultureInfo.InvariantCulture), TimeSpan.Zero),
                new DateTimeOffset(long.Parse(parts[2], CultureInfo.InvariantCulture), TimeSpan.Zero), int.Parse(parts[3], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    private static JsonObject GraphSubscriptionJson(GraphSubscription s, string changeType, string resource, string baseUrl) => new()
    {
        ["@odata.context"] = $"{baseUrl}/$metadata#subscriptions/$entity",
        ["id"] = s.Id, ["resource"] = resource, ["changeType"] = changeType, ["clientState"] = s.ClientState,
        ["notificationUrl"] = s.NotificationUrl.ToString(), ["expirationDateTime"] = s.ExpiresAt, ["applicationId"] = "fake-app",
    };

    private static (int, JsonNode?) GraphError(int status, string code, string message) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["innerError"] = new JsonObject { ["request-id"] = Guid.NewGuid().ToString() } } });

    public async Task<(int Status, JsonNode? Body)> GoogleWatchAsync(string calendarId, JsonObject? body)
    {
        var id = body?["id"]?.GetValue<string>();
        if (id is null || id.Length > 64 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '=')))
        {
            return GoogleError(400, "required", "Channel id is required: at most 64 characters of [A-Za-z0-9-_+/=].");
        }

        if (body!["type"]?.GetValue<string>() != "web_hook" || body["address"]?.GetValue<string>() is not { } address || !Uri.TryCreate(address, UriKind.Absolute, out var url))
        {
            return GoogleError(400, "invalid", "type must be web_hook and address an absolute URL.");
        }

        if (_googleChannels.ContainsKey(id))
        {
            return GoogleError(400, "channelIdNotUnique", "Channel id not unique.");
        }

        // Google shortens what is asked to its own limit (about a week here).
        var asked = body["expiration"] is { } e && long.TryParse(e.ToString(), CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MaxValue;
        var expires = asked < clock.GetUtcNow().AddDays(7) ? asked : clock.GetUtcNow().AddDays(7);
        var channel = new GoogleChannel(id, $"res-{calendarId.GetHashCode(StringComparison.OrdinalIgnoreCase):x8}", calendarId, url, body["token"]?.GetValue<string>(), expires);
        _googleChannels[id] = channel;
        await PushAsync(channel with { }, "sync"); // first, possibly before the app has the answer
        return (200, new JsonObject
        {
            ["kind"] = "api#channel", ["id"] = id, ["resourceId"] = channel.ResourceId, ["token"] = channel.Token,
            ["resourceUri"] = $"https://www.googleapis.com/calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}/events?alt=json",
            ["expiration"] = expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        });
    }

    public (int Status, JsonNode? Body) GoogleStop(JsonObject? body) =>
        body?["id"]?.GetValue<string>() is { } id && _googleChannels.TryGetValue(id, out var c) && c.ResourceId == body["resourceId"]?.GetValue<string>() && _googleChannels.TryRemove(id, out _)
            ? (204, null)
            : GoogleError(404, "notFound", "Channel not found for project.");

    public (int Status, JsonNode? Body) GoogleList(string calendarId, IReadOnlyDictionary<string, string> query)
    {
        if (query.GetValueOrDefault("singleEvents") != "true")
        {
            return GoogleError(400, "invalid", "This fake expects singleEvents=true, as the app asks.");
        }

        long since = 0;
        DateTimeOffset from = DateTimeOffset.MinValue, to = DateTimeOffset.MaxValue;
        if (query.TryGetValue("syncToken", out var token))
        {
            if (query.ContainsKey("timeMin") || query.ContainsKey("timeMax") || query.ContainsKey("orderBy"))
            {
                return GoogleError(400, "invalid", "timeMin, timeMax and orderBy may not be used with syncToken.");
            }

            if (Decode(token) is not { } state || state.Since < Interlocked.Read(ref _expiredBefore))
            {
                return GoogleError(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
            }

            (since, from, to) = (state.Since, state.From, state.To);
        }
        else
        {
            if (query.TryGetValue("timeMin", out var min) && !DateTimeOffset.TryParse(min, CultureInfo.InvariantCulture, DateTimeStyles.None, out from)
                || query.TryGetValue("timeMax", out var max) && !DateTimeOffset.TryParse(max, CultureInfo.InvariantCulture, DateTimeStyles.None, out to))
            {
                return GoogleError(400, "badRequest", "Bad Request");
            }
        }

        var pageSize = int.TryParse(query.GetValueOrDefault("maxResults"), CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 2500) : 250;
        var skip = int.TryParse(query.GetValueOrDefault("pageToken"), CultureInfo.InvariantCulture, out var p) ? p : 0;
        var now = Interlocked.Read(ref _version);
        var changed = Events(calendarId).Where(e => e.Version > since && (e.Removed ? since > 0 : e.Start < to && e.End > from)).OrderBy(e => e.Version).ToList();
        var items = changed.Skip(skip).Take(pageSize).Select(e => (JsonNode)new JsonObject
        {
            ["kind"] = "calendar#event", ["id"] = e.Id, ["status"] = e.Removed ? "cancelled" : "confirmed", ["summary"] = e.Removed ? null : e.Subject,
            ["transparency"] = e.Free ? "transparent" : null,
            ["start"] = e.Removed ? null : new JsonObject { ["dateTime"] = e.Start.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture) },
            ["end"] = e.Removed ? null : new JsonObject { ["dateTime"] = e.End.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture) },
        }).ToList();
        var result = new JsonObject { ["kind"] = "calendar#events", ["summary"] = calendarId, ["timeZone"] = "America/New_York", ["items"] = new JsonArray([.. items]) };
        if (skip + pageSize < changed.Count)
        {
            result["nextPageToken"] = (skip + pageSize).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            result["nextSyncToken"] = Encode(new(now, from, to, 0));
        }

        return (200, result);
    }

    private static (int, JsonNode?) GoogleError(int status, string reason, string message) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = reason, ["message"] = message }) } });
}
