namespace MedSpa.Core.Calendars;

/// <summary>What connecting a calendar takes: whose (Google or Microsoft 365) and which calendar there.</summary>
public sealed record ConnectCalendarRequest(string? Provider, string? CalendarId);

/// <summary>
/// Connects a practitioner's Google or Microsoft 365 calendar so its busy times block their availability (the
/// practitioner themself or an admin): watches it (a Graph subscription or a Google channel, carrying a fresh secret
/// of which only the hash is kept), reads its busy times once, and keeps them current from the provider's
/// notifications. Disconnecting stops the watch and forgets the busy times. One calendar per provider and practitioner.
/// </summary>
public sealed class ConnectExternalCalendar(CalendarConnectionStore connections, OwnPractitioner access, IEnumerable<ICalendarProviderClient> providers,
    SyncExternalCalendar sync, Messaging.MessagingOptions site, TimeProvider clock)
{
    /// <summary>How long a watch is asked for: Graph allows event subscriptions under 3 days (4,230 minutes); renewed daily.</summary>
    public static readonly TimeSpan WatchFor = TimeSpan.FromMinutes(4200);

    public async Task<Result<IReadOnlyList<CalendarConnection>>> ListAsync(Caller caller, string practitionerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(caller, practitionerId, ct) is { } refused)
        {
            return refused;
        }

        var found = new List<CalendarConnection>();
        foreach (var provider in Enum.GetValues<CalendarProvider>())
        {
            if (await connections.ReadAsync(caller.TenantId, practitionerId, provider, ct) is { } connection)
            {
                found.Add(connection.Body);
            }
        }

        return found;
    }

    public async Task<Result<CalendarConnection>> ConnectAsync(Caller caller, string practitionerId, ConnectCalendarRequest request, CancellationToken ct = default)
    {
        if (await access.CheckAsync(caller, practitionerId, ct) is { } refused)
        {
            return refused;
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var provider = WireNames.Parse<CalendarProvider>(request.Provider)!.Value;
        var calendarId = request.CalendarId!.Trim();
        var webhooks = CalendarWebhooks.For(site);
        if (webhooks.For(provider) is not { } notificationUrl)
        {
            return new Error.Conflict("This clinic's public address is not set (Messaging:PublicUrl), so no calendar can reach it.");
        }

        if (await connections.ReadAsync(caller.TenantId, practitionerId, provider, ct) is not null)
        {
            return new Error.Conflict($"A {Name(provider)} calendar is connected already: disconnect it first to connect another.");
        }

        var secret = CalendarConnection.NewSecret();
        var watchId = $"medspa-{Guid.NewGuid():N}";
        var route = new CalendarWatchRoute(caller.TenantId, practitionerId, provider);
        var client = providers.Single(p => p.Provider == provider);

        // Google may notify before its answer arrives (the channel id is ours): routed first. Graph names its subscription.
        if (provider == CalendarProvider.Google)
        {
            await connections.AddRouteAsync(watchId, route, ct);
        }

        CalendarWatch watch;
        try
        {
            watch = await client.WatchAsync(calendarId, watchId, notificationUrl, webhooks.GraphLifecycle!, secret, clock.GetUtcNow() + WatchFor, ct);
        }
        catch (CalendarProviderException e)
        {
            await connections.RemoveRouteAsync(provider, watchId, ct);
            return Error.Invalid.Field("calendarId", $"{Name(provider)} did not let us watch this calendar: {e.Message}");
        }

        var connection = new CalendarConnection
        {
            PractitionerId = practitionerId,
            Provider = provider,
            CalendarId = calendarId,
            Watch = watch,
            SecretHash = CalendarConnection.Hash(secret),
            ConnectedAt = clock.GetUtcNow(),
            ConnectedBy = caller.Email,
        };
        await connections.AddRouteAsync(watch.Id, route, ct);
        try
        {
            await connections.AddAsync(caller.TenantId, connection, ct);
        }
        catch (DocumentConflictException)
        {
            // Connected at the same moment by another request: that one stands; this watch goes.
            await StopQuietlyAsync(client, connection, ct);
            await connections.RemoveRouteAsync(provider, watch.Id, ct);
            return new Error.Conflict($"A {Name(provider)} calendar is connected already: disconnect it first to connect another.");
        }

        return (await sync.SyncAsync(caller.TenantId, practitionerId, provider, ct)) ?? connection;
    }

    public async Task<Result<bool>> DisconnectAsync(Caller caller, string practitionerId, string? providerName, CancellationToken ct = default)
    {
        if (await access.CheckAsync(caller, practitionerId, ct) is { } refused)
        {
            return refused;
        }

        if (WireNames.Parse<CalendarProvider>(providerName) is not { } provider)
        {
            return Error.Invalid.Field("provider", "Either google or microsoft.");
        }

        if (await connections.ReadAsync(caller.TenantId, practitionerId, provider, ct) is not { } existing)
        {
            return false;
        }

        await StopQuietlyAsync(providers.Single(p => p.Provider == provider), existing.Body, ct);
        await connections.RemoveRouteAsync(provider, existing.Body.Watch.Id, ct);
        return await connections.RemoveAsync(caller.TenantId, existing.Body, ct);
    }

    public static string Name(CalendarProvider provider) => provider == CalendarProvider.Google ? "Google" : "Microsoft 365";

    private static async Task StopQuietlyAsync(ICalendarProviderClient client, CalendarConnection connection, CancellationToken ct)
    {
        try
        {
            await client.StopAsync(connection, ct);
        }
        catch (CalendarProviderException)
        {
            // Gone already, or the provider is down: it expires on its own within three days, and its notifications find no route.
        }
    }

    private static Error.Invalid? Validate(ConnectCalendarRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var provider = WireNames.Parse<CalendarProvider>(request.Provider);
        if (provider is null)
        {
            errors["provider"] = ["Either google or microsoft."];
        }

        var id = request.CalendarId?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            errors["calendarId"] = ["Required."];
        }
        else if (provider == CalendarProvider.Microsoft && !Guid.TryParseExact(id, "D", out _))
        {
            errors["calendarId"] = ["The person's object id in your Microsoft Entra directory (a GUID such as 2f1c…-…), not their email address."];
        }
        else if (provider == CalendarProvider.Google && (id.Length > 254 || !id.Contains('@', StringComparison.Ordinal) || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            errors["calendarId"] = ["The calendar's id from its Google settings (usually the person's address, like name@clinic.com)."];
        }

        return errors.Count == 0 ? null : new Error.Invalid(errors);
    }
}
