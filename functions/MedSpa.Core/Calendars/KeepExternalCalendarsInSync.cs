namespace MedSpa.Core.Calendars;

/// <summary>
/// The timer's round over every connected calendar: renews each watch a day and a half before it expires (Graph
/// subscriptions last under three days; a Google channel is replaced by a new one), finishes syncs a notification asked
/// for, and syncs every calendar at least hourly as the safety net providers advise (notifications are not guaranteed).
/// </summary>
public sealed class KeepExternalCalendarsInSync(ClinicStore clinics, CalendarConnectionStore connections, IEnumerable<ICalendarProviderClient> providers,
    SyncExternalCalendar sync, Messaging.MessagingOptions site, TimeProvider clock)
{
    public static readonly TimeSpan RenewAhead = TimeSpan.FromHours(36);
    public static readonly TimeSpan SyncAtLeastEvery = TimeSpan.FromHours(1);

    /// <summary>Returns how many calendars it renewed and synced.</summary>
    public async Task<(int Renewed, int Synced)> RunAsync(CancellationToken ct = default)
    {
        int renewed = 0, synced = 0;
        foreach (var clinic in await clinics.ListAsync(ct))
        {
            foreach (var connection in (await connections.AllAsync(clinic.TenantId, ct)).Select(d => d.Body))
            {
                var now = clock.GetUtcNow();
                if (connection.Watch.ExpiresAt - now < RenewAhead && await RenewAsync(clinic.TenantId, connection.PractitionerId, connection.Provider, ct))
                {
                    renewed++;
                }

                if (connection.SyncRequestedAt is not null || connection.SyncedAt is null || now - connection.SyncedAt >= SyncAtLeastEvery)
                {
                    await sync.SyncAsync(clinic.TenantId, connection.PractitionerId, connection.Provider, ct);
                    synced++;
                }
            }
        }

        return (renewed, synced);
    }

    /// <summary>Extends (Graph) or replaces (Google) a calendar's watch; a failure is kept on the connection and tried again next round.</summary>
    public async Task<bool> RenewAsync(string tenantId, string practitionerId, CalendarProvider provider, CancellationToken ct = default)
    {
        if (await connections.ReadAsync(tenantId, practitionerId, provider, ct) is not { } current)
        {
            return false;
        }

        var webhooks = CalendarWebhooks.For(site);
        var connection = current.Body;
        var secret = CalendarConnection.NewSecret();
        var watchId = $"medspa-{Guid.NewGuid():N}";
        var route = new CalendarWatchRoute(tenantId, practitionerId, provider);
        if (provider == CalendarProvider.Google)
        {
            await connections.AddRouteAsync(watchId, route, ct);
        }

        (CalendarWatch Watch, bool NewSecretInUse) renewed;
        try
        {
            renewed = await providers.Single(p => p.Provider == provider).RenewAsync(connection, watchId, webhooks.For(provider)!, webhooks.GraphLifecycle!, secret, clock.GetUtcNow() + ConnectExternalCalendar.WatchFor, ct);
        }
        catch (CalendarProviderException e)
        {
            await connections.RemoveRouteAsync(provider, watchId, ct);
            await connections.ChangeAsync(tenantId, practitionerId, provider, c => c with { Problem = $"Renewing the watch failed: {e.Message}" }, ct);
            return false;
        }

        if (renewed.Watch.Id != watchId)
        {
            await connections.AddRouteAsync(renewed.Watch.Id, route, ct);
        }

        await connections.ChangeAsync(tenantId, practitionerId, provider, c => c with
        {
            Watch = renewed.Watch,
            SecretHash = renewed.NewSecretInUse ? CalendarConnection.Hash(secret) : c.SecretHash,
            Problem = null,
        }, ct);
        if (renewed.Watch.Id != connection.Watch.Id)
        {
            await connections.RemoveRouteAsync(provider, connection.Watch.Id, ct);
        }

        if (provider == CalendarProvider.Google && renewed.Watch.Id != watchId)
        {
            await connections.RemoveRouteAsync(provider, watchId, ct);
        }

        return true;
    }
}
