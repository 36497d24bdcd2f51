using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MedSpa.Core.Calendars;
using MedSpa.Core.Scheduling;

namespace MedSpa.Infrastructure.Calendars;

/// <summary>
/// Google calendars through the Calendar API v3 (no .NET client for it in our feed: its four calls by hand): a push
/// channel on the calendar's events (our channel id and token), replaced by a new channel before it expires (Google
/// has no renewal), stopped with its resource id; busy times from events.list with singleEvents, following page tokens
/// to the nextSyncToken that is the next sync's state (a 410 asks for a full sync). Cancelled and transparent (free)
/// events free their time; all-day events block the whole day in the calendar's zone.
/// </summary>
public sealed class GoogleCalendarClient(HttpClient http, Uri baseUrl, IGoogleAccessTokens tokens) : ICalendarProviderClient
{
    public CalendarProvider Provider => CalendarProvider.Google;

    public async Task<CalendarWatch> WatchAsync(string calendarId, string watchId, Uri notificationUrl, Uri lifecycleUrl, string secret, DateTimeOffset until, CancellationToken ct)
    {
        var channel = await SendAsync(calendarId, HttpMethod.Post, $"calendars/{Uri.EscapeDataString(calendarId)}/events/watch", new JsonObject
        {
            ["id"] = watchId,
            ["type"] = "web_hook",
            ["address"] = notificationUrl.ToString(),
            ["token"] = secret,
            ["expiration"] = until.ToUnixTimeMilliseconds(),
        }, ct);
        var expires = long.TryParse(channel?["expiration"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : until;
        return new CalendarWatch(channel?["id"]?.GetValue<string>() ?? watchId, channel?["resourceId"]?.GetValue<string>(), expires);
    }

    public async Task<(CalendarWatch Watch, bool NewSecretInUse)> RenewAsync(CalendarConnection connection, string newWatchId, Uri notificationUrl, Uri lifecycleUrl, string newSecret, DateTimeOffset until, CancellationToken ct)
    {
        var watch = await WatchAsync(connection.CalendarId, newWatchId, notificationUrl, lifecycleUrl, newSecret, until, ct);
        try
        {
            await StopAsync(connection, ct);
        }
        catch (CalendarProviderException)
        {
            // The old channel expires on its own; its notifications no longer find a route.
        }

        return (watch, true);
    }

    public async Task StopAsync(CalendarConnection connection, CancellationToken ct)
    {
        try
        {
            await SendAsync(connection.CalendarId, HttpMethod.Post, "channels/stop", new JsonObject { ["id"] = connection.Watch.Id, ["resourceId"] = connection.Watch.ResourceId }, ct);
        }
        catch (CalendarProviderException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }

    public async Task<CalendarChanges> ChangesAsync(string calendarId, string? syncState, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var busy = new List<ExternalBusy>();
        var removed = new List<string>();
        string? pageToken = null;
        while (true)
        {
            // With a sync token, timeMin/timeMax may not be sent (Google refuses them); the first sync sets the window.
            var query = syncState is null
                ? $"singleEvents=true&maxResults=250&timeMin={Uri.EscapeDataString(Rfc3339(from))}&timeMax={Uri.EscapeDataString(Rfc3339(to))}"
                : $"singleEvents=true&maxResults=250&syncToken={Uri.EscapeDataString(syncState)}";
            if (pageToken is not null)
            {
                query += $"&pageToken={Uri.EscapeDataString(pageToken)}";
            }

            var page = await SendAsync(calendarId, HttpMethod.Get, $"calendars/{Uri.EscapeDataString(calendarId)}/events?{query}", null, ct);
            var zone = page?["timeZone"]?.GetValue<string>() ?? "UTC";
            foreach (var item in page?["items"]?.AsArray() ?? [])
            {
                if (item?["id"]?.GetValue<string>() is not { } id)
                {
                    continue;
                }

                if (item["status"]?.GetValue<string>() == "cancelled" || item["transparency"]?.GetValue<string>() == "transparent"
                    || When(item["start"], zone) is not { } start || When(item["end"], zone) is not { } end)
                {
                    removed.Add(id);
                }
                else
                {
                    busy.Add(new ExternalBusy(id, start, end));
                }
            }

            pageToken = page?["nextPageToken"]?.GetValue<string>();
            if (pageToken is null)
            {
                return new CalendarChanges(busy, removed, page?["nextSyncToken"]?.GetValue<string>() ?? throw new CalendarProviderException("Google ended the list without a nextSyncToken."), syncState is null);
            }
        }
    }

    private static string Rfc3339(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A timed event's dateTime (with its offset), or an all-day event's date at the start of that day in the calendar's zone.</summary>
    private static DateTimeOffset? When(JsonNode? node, string zone)
    {
        if (node?["dateTime"]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant.ToUniversalTime();
        }

        if (node?["date"]?.GetValue<string>() is { } day && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return ClinicTime.For(zone).StartOfDay(date);
        }

        return null;
    }

    private async Task<JsonObject?> SendAsync(string calendarId, HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl.ToString().TrimEnd('/') + "/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.ForAsync(calendarId, ct));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CalendarProviderException($"Google Calendar could not be reached: {e.Message}", null, e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                string? message = null;
                try
                {
                    message = JsonNode.Parse(text)?["error"]?["message"]?.GetValue<string>();
                }
                catch (System.Text.Json.JsonException)
                {
                }

                throw new CalendarProviderException(message ?? $"Google Calendar answered {(int)response.StatusCode}.", (int)response.StatusCode);
            }

            return response.StatusCode == HttpStatusCode.NoContent || text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
    }
}

/// <summary>Google access tokens for a calendar's owner.</summary>
public interface IGoogleAccessTokens
{
    Task<string> ForAsync(string calendarId, CancellationToken ct);
}

/// <summary>A fixed token (the local fake's).</summary>
public sealed class FixedGoogleAccessToken(string token) : IGoogleAccessTokens
{
    public Task<string> ForAsync(string calendarId, CancellationToken ct) => Task.FromResult(token);
}

/// <summary>
/// The clinic's Google Workspace service account with domain-wide delegation (Google.Apis.Auth): a read-only calendar
/// token acting as the calendar's owner (its id is their address), cached and refreshed by the library per person.
/// </summary>
public sealed class ServiceAccountGoogleAccessTokens(string serviceAccountJson) : IGoogleAccessTokens
{
    private const string Scope = "https://www.googleapis.com/auth/calendar.readonly";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Google.Apis.Auth.OAuth2.ITokenAccess> _byUser = new(StringComparer.OrdinalIgnoreCase);

    public Task<string> ForAsync(string calendarId, CancellationToken ct) =>
        _byUser.GetOrAdd(calendarId, user => Google.Apis.Auth.OAuth2.CredentialFactory.FromJson<Google.Apis.Auth.OAuth2.ServiceAccountCredential>(serviceAccountJson)
            .ToGoogleCredential().CreateScoped(Scope).CreateWithUser(user)).GetAccessTokenForRequestAsync(null, ct);
}
