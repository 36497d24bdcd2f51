namespace MedSpa.Core.Calendars;

/// <summary>A new calendar link: the whole token, shown this once, and where it is served.</summary>
public sealed record NewCalendarFeed(string Token, string Path, string Url, CalendarFeedLink Link);

/// <summary>
/// A practitioner's private calendar link: made, looked at and turned off by that practitioner or an admin. There is
/// at most one: a second is refused while one is live (a double click must not silently break the calendar already
/// subscribed), so replacing a link is turning it off, then making a new one.
/// </summary>
public sealed class ManageCalendarFeed(IDocumentStore store, OwnPractitioner access, Messaging.MessagingOptions site, TimeProvider clock)
{
    public async Task<Result<CalendarFeedLink?>> GetAsync(Caller caller, string practitionerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(caller, practitionerId, ct) is { } refused)
        {
            return refused;
        }

        return Result<CalendarFeedLink?>.Success((await ReadLinkAsync(caller.TenantId, practitionerId, ct))?.Body);
    }

    public async Task<Result<NewCalendarFeed>> CreateAsync(Caller caller, string practitionerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(caller, practitionerId, ct) is { } refused)
        {
            return refused;
        }

        if (await ReadLinkAsync(caller.TenantId, practitionerId, ct) is not null)
        {
            return new Error.Conflict("There is a calendar link already: turn it off first to make a new one (calendars using the old link stop updating).");
        }

        var token = CalendarFeedLink.NewToken();
        var link = new CalendarFeedLink(practitionerId, CalendarFeedLink.Hash(token), clock.GetUtcNow(), caller.Email);
        var key = CalendarFeedRoute.Key(link.TokenHash);
        await store.CreateAsync(Partitions.Directory, key, key, new CalendarFeedRoute(caller.TenantId, practitionerId), ct);
        try
        {
            await store.CreateAsync(Partitions.Clinic, caller.TenantId, CalendarFeedLink.DocumentId(practitionerId), link, ct);
        }
        catch (DocumentConflictException)
        {
            // Made at the same moment by another request: that one stands; this route leads nowhere, so it goes.
            await store.DeleteAsync(Partitions.Directory, key, key, null, ct);
            return new Error.Conflict("There is a calendar link already: turn it off first to make a new one.");
        }

        var path = CalendarFeedLink.PathFor(token);
        return new NewCalendarFeed(token, path, site.PublicUrl is { Length: > 0 } url ? url.TrimEnd('/') + path : path, link);
    }

    public async Task<Result<bool>> RevokeAsync(Caller caller, string practitionerId, CancellationToken ct = default)
    {
        if (await access.CheckAsync(caller, practitionerId, ct) is { } refused)
        {
            return refused;
        }

        return await RemoveAsync(caller.TenantId, practitionerId, ct);
    }

    private async Task<bool> RemoveAsync(string tenantId, string practitionerId, CancellationToken ct)
    {
        if (await ReadLinkAsync(tenantId, practitionerId, ct) is not { } existing)
        {
            return false;
        }

        var key = CalendarFeedRoute.Key(existing.Body.TokenHash);
        await store.DeleteAsync(Partitions.Directory, key, key, null, ct);
        await store.DeleteAsync(Partitions.Clinic, tenantId, existing.Id, null, ct);
        return true;
    }

    private Task<Document<CalendarFeedLink>?> ReadLinkAsync(string tenantId, string practitionerId, CancellationToken ct) =>
        store.ReadAsync<CalendarFeedLink>(Partitions.Clinic, tenantId, CalendarFeedLink.DocumentId(practitionerId), ct);
}
