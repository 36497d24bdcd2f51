namespace MedSpa.Core.Calendars;

/// <summary>One item of a Microsoft Graph change or lifecycle notification (the fields we act on).</summary>
public sealed record GraphNotification(string? SubscriptionId, string? ClientState, string? ChangeType, string? LifecycleEvent);

/// <summary>A Google Calendar push notification: its X-Goog-* headers (it has no body).</summary>
public sealed record GoogleNotification(string? ChannelId, string? ChannelToken, string? ResourceState, string? ResourceId);

/// <summary>
/// A provider says a practitioner's calendar changed. Only a notification carrying its watch's secret is believed
/// (Graph's clientState, Google's channel token; compared as hashes in constant time); it marks the calendar for a sync
/// (saved first, so nothing is lost) and then syncs within a short budget: providers want an answer within seconds, and
/// a sync cut short is finished by the timer. Graph's lifecycle events renew or re-create the subscription.
/// </summary>
public sealed class ReceiveCalendarNotification(CalendarConnectionStore connections, SyncExternalCalendar sync, KeepExternalCalendarsInSync keeper, TimeProvider clock)
{
    /// <summary>Graph wants a 2xx within 3 seconds; Google within its own timeout. What is left is the timer's.</summary>
    public static readonly TimeSpan SyncBudget = TimeSpan.FromSeconds(2);

    public async Task<Result<int>> FromGraphAsync(IReadOnlyList<GraphNotification> items, CancellationToken ct = default)
    {
        var believed = new List<(CalendarWatchRoute Route, GraphNotification Item)>();
        var refused = 0;
        foreach (var item in items)
        {
            if (item.SubscriptionId is not { } id || await connections.RouteAsync(CalendarProvider.Microsoft, id, ct) is not { } route)
            {
                continue; // a subscription we no longer have: nothing to do (it expires on its own)
            }

            var connection = await connections.ReadAsync(route.TenantId, route.PractitionerId, CalendarProvider.Microsoft, ct);
            if (connection is null || connection.Body.Watch.Id != id || !connection.Body.Carries(item.ClientState))
            {
                refused++;
                continue;
            }

            believed.Add((route, item));
        }

        if (refused > 0 && believed.Count == 0)
        {
            return new Error.Forbidden("The notification's clientState is not the subscription's.");
        }

        foreach (var (route, item) in believed.DistinctBy(b => (b.Route, b.Item.LifecycleEvent)))
        {
            await ActAsync(route, item.LifecycleEvent, ct);
        }

        return believed.Count;
    }

    public async Task<Result<bool>> FromGoogleAsync(GoogleNotification notification, CancellationToken ct = default)
    {
        if (notification.ResourceState == "sync")
        {
            return false; // the channel's first message: it carries no change (and may come before the watch's answer)
        }

        if (notification.ChannelId is not { } id || await connections.RouteAsync(CalendarProvider.Google, id, ct) is not { } route)
        {
            return new Error.NotFound("No such channel.");
        }

        var connection = await connections.ReadAsync(route.TenantId, route.PractitionerId, CalendarProvider.Google, ct);
        if (connection is null || connection.Body.Watch.Id != id || !connection.Body.Carries(notification.ChannelToken)
            || (connection.Body.Watch.ResourceId is { } resource && notification.ResourceId != resource))
        {
            return new Error.Forbidden("The notification's channel token is not the channel's.");
        }

        await ActAsync(route, null, ct);
        return true;
    }

    private async Task ActAsync(CalendarWatchRoute route, string? lifecycleEvent, CancellationToken ct)
    {
        await connections.ChangeAsync(route.TenantId, route.PractitionerId, route.Provider, c => c with { SyncRequestedAt = c.SyncRequestedAt ?? clock.GetUtcNow() }, ct);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(SyncBudget);
        try
        {
            if (lifecycleEvent is "reauthorizationRequired" or "subscriptionRemoved")
            {
                await keeper.RenewAsync(route.TenantId, route.PractitionerId, route.Provider, budget.Token);
            }

            await sync.SyncAsync(route.TenantId, route.PractitionerId, route.Provider, budget.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Over budget: the sync stays requested and the timer finishes it.
        }
    }
}
