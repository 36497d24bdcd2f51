using System.Globalization;
using MedSpa.Core.Calendars;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace MedSpa.Infrastructure.Calendars;

/// <summary>
/// Microsoft 365 calendars through Microsoft Graph (the Microsoft.Graph SDK): a change-notification subscription on the
/// person's events (with our clientState and a lifecycle URL, set only at creation), renewed by PATCH (re-created when
/// Graph has removed it), and busy times from calendarView delta in UTC, following nextLink pages to the deltaLink that
/// is the next sync's state. Events shown as free or working elsewhere, cancelled or removed free their time.
/// </summary>
public sealed class GraphCalendarClient(GraphServiceClient graph) : ICalendarProviderClient
{
    private const int PageSize = 100;

    public CalendarProvider Provider => CalendarProvider.Microsoft;

    public async Task<CalendarWatch> WatchAsync(string calendarId, string watchId, Uri notificationUrl, Uri lifecycleUrl, string secret, DateTimeOffset until, CancellationToken ct)
    {
        var created = await CallAsync(() => graph.Subscriptions.PostAsync(new Subscription
        {
            ChangeType = "created,updated,deleted",
            NotificationUrl = notificationUrl.ToString(),
            LifecycleNotificationUrl = lifecycleUrl.ToString(),
            Resource = $"/users/{calendarId}/events",
            ExpirationDateTime = until,
            ClientState = secret,
        }, cancellationToken: ct));
        return new CalendarWatch(created?.Id ?? throw new CalendarProviderException("Graph answered without a subscription id."), null, created.ExpirationDateTime ?? until);
    }

    public async Task<(CalendarWatch Watch, bool NewSecretInUse)> RenewAsync(CalendarConnection connection, string newWatchId, Uri notificationUrl, Uri lifecycleUrl, string newSecret, DateTimeOffset until, CancellationToken ct)
    {
        try
        {
            var renewed = await CallAsync(() => graph.Subscriptions[connection.Watch.Id].PatchAsync(new Subscription { ExpirationDateTime = until }, cancellationToken: ct));
            return (connection.Watch with { ExpiresAt = renewed?.ExpirationDateTime ?? until }, false);
        }
        catch (CalendarProviderException e) when (e.Status == 404)
        {
            // Graph removed it (expired, or subscriptionRemoved): a new subscription, with a new secret.
            return (await WatchAsync(connection.CalendarId, newWatchId, notificationUrl, lifecycleUrl, newSecret, until, ct), true);
        }
    }

    public async Task StopAsync(CalendarConnection connection, CancellationToken ct)
    {
        try
        {
            await CallAsync(async () =>
            {
                await graph.Subscriptions[connection.Watch.Id].DeleteAsync(cancellationToken: ct);
                return true;
            });
        }
        catch (CalendarProviderException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }

    public async Task<CalendarChanges> ChangesAsync(string calendarId, string? syncState, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var delta = graph.Users[calendarId].CalendarView.Delta;
        void Prefer(RequestConfiguration<Microsoft.Graph.Users.Item.CalendarView.Delta.DeltaRequestBuilder.DeltaRequestBuilderGetQueryParameters> request) =>
            request.Headers.Add("Prefer", [$"odata.maxpagesize={PageSize}", "outlook.timezone=\"UTC\""]);

        var page = await CallAsync(() => syncState is null
            ? delta.GetAsDeltaGetResponseAsync(r =>
            {
                r.QueryParameters.StartDateTime = from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                r.QueryParameters.EndDateTime = to.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                Prefer(r);
            }, ct)
            : delta.WithUrl(syncState).GetAsDeltaGetResponseAsync(Prefer, ct));
        var busy = new List<ExternalBusy>();
        var removed = new List<string>();
        while (true)
        {
            foreach (var e in page?.Value ?? [])
            {
                if (e.Id is null)
                {
                    continue;
                }

                if (e.AdditionalData.ContainsKey("@removed") || e.IsCancelled == true || e.ShowAs is FreeBusyStatus.Free or FreeBusyStatus.WorkingElsewhere
                    || Instant(e.Start) is not { } start || Instant(e.End) is not { } end)
                {
                    removed.Add(e.Id);
                }
                else
                {
                    busy.Add(new ExternalBusy(e.Id, start, end));
                }
            }

            if (page?.OdataNextLink is { } next)
            {
                page = await CallAsync(() => delta.WithUrl(next).GetAsDeltaGetResponseAsync(Prefer, ct));
                continue;
            }

            return new CalendarChanges(busy, removed, page?.OdataDeltaLink ?? throw new CalendarProviderException("Graph ended a delta round without a deltaLink."), syncState is null);
        }
    }

    /// <summary>Graph's dateTime with its zone: "UTC" as asked (Prefer outlook.timezone), else the zone it names.</summary>
    private static DateTimeOffset? Instant(DateTimeTimeZone? value)
    {
        if (value?.DateTime is not { } text || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var zone = value.TimeZone is null or "UTC" or "Etc/UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(value.TimeZone);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ODataError e)
        {
            throw new CalendarProviderException(e.Error?.Message ?? e.Message, e.ResponseStatusCode, e);
        }
        catch (ApiException e)
        {
            throw new CalendarProviderException($"Microsoft Graph answered {e.ResponseStatusCode}.", e.ResponseStatusCode, e);
        }
        catch (HttpRequestException e)
        {
            throw new CalendarProviderException($"Microsoft Graph could not be reached: {e.Message}", null, e);
        }
    }
}
