namespace MedSpa.Core.Calendars;

/// <summary>
/// Where connected calendars live: each in its clinic's setup partition (few per clinic, read with availability), each
/// watch's route in the directory (a provider's notification names only its watch).
/// </summary>
public sealed class CalendarConnectionStore(IDocumentStore store)
{
    public Task<Document<CalendarConnection>?> ReadAsync(string tenantId, string practitionerId, CalendarProvider provider, CancellationToken ct = default) =>
        store.ReadAsync<CalendarConnection>(Partitions.Clinic, tenantId, CalendarConnection.DocumentId(practitionerId, provider), ct);

    /// <summary>Every connected calendar of a clinic.</summary>
    public async Task<IReadOnlyList<Document<CalendarConnection>>> AllAsync(string tenantId, CancellationToken ct = default) =>
        await store.QueryAllAsync<CalendarConnection>(Partitions.Clinic, tenantId, new DocumentQuery { PageSize = DocumentQuery.MaxPageSize }
            .Where(nameof(CalendarConnection.Kind), FilterOperator.Equal, CalendarConnection.DocumentKind), ct);

    public async Task<CalendarWatchRoute?> RouteAsync(CalendarProvider provider, string watchId, CancellationToken ct = default)
    {
        var key = CalendarWatchRoute.Key(provider, watchId);
        return watchId.Length is > 0 and <= 200 ? (await store.ReadAsync<CalendarWatchRoute>(Partitions.Directory, key, key, ct))?.Body : null;
    }

    public async Task AddRouteAsync(string watchId, CalendarWatchRoute route, CancellationToken ct = default)
    {
        var key = CalendarWatchRoute.Key(route.Provider, watchId);
        try
        {
            await store.CreateAsync(Partitions.Directory, key, key, route, ct);
        }
        catch (DocumentConflictException)
        {
            // Already routed (a retried connection or renewal): the same route.
        }
    }

    public async Task RemoveRouteAsync(CalendarProvider provider, string watchId, CancellationToken ct = default)
    {
        var key = CalendarWatchRoute.Key(provider, watchId);
        await store.DeleteAsync(Partitions.Directory, key, key, null, ct);
    }

    public Task<Document<CalendarConnection>> AddAsync(string tenantId, CalendarConnection connection, CancellationToken ct = default) =>
        store.CreateAsync(Partitions.Clinic, tenantId, connection.Id, connection, ct);

    public Task<Document<CalendarConnection>> SaveAsync(string tenantId, CalendarConnection connection, string etag, CancellationToken ct = default) =>
        store.ReplaceAsync(Partitions.Clinic, tenantId, connection.Id, connection, etag, ct);

    public Task<Document<CalendarConnection>?> ChangeAsync(string tenantId, string practitionerId, CalendarProvider provider, Func<CalendarConnection, CalendarConnection> change, CancellationToken ct = default) =>
        store.ChangeAsync(Partitions.Clinic, tenantId, CalendarConnection.DocumentId(practitionerId, provider), change, ct);

    public Task<bool> RemoveAsync(string tenantId, CalendarConnection connection, CancellationToken ct = default) =>
        store.DeleteAsync(Partitions.Clinic, tenantId, connection.Id, null, ct);
}

/// <summary>Where providers send their notifications: this app's public address (Messaging:PublicUrl) and the webhook routes.</summary>
public sealed record CalendarWebhooks(Uri? Graph, Uri? GraphLifecycle, Uri? Google)
{
    public static CalendarWebhooks For(Messaging.MessagingOptions site) =>
        site.PublicUrl is { Length: > 0 } url
            ? new(new Uri($"{url.TrimEnd('/')}/api/webhooks/graph"), new Uri($"{url.TrimEnd('/')}/api/webhooks/graph/lifecycle"), new Uri($"{url.TrimEnd('/')}/api/webhooks/google"))
            : new(null, null, null);

    public Uri? For(CalendarProvider provider) => provider == CalendarProvider.Google ? Google : Graph;
}
