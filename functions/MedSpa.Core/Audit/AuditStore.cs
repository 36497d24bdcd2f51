namespace MedSpa.Core.Audit;

public sealed record AuditActor(string UserId, string Email, string Role);

/// <summary>One audited access: who did what to which record, when, and how it ended. Written once, never changed.</summary>
public sealed record AuditEntry(
    string Id,
    string TenantId,
    DateTimeOffset At,
    AuditActor Actor,
    string Action,
    string Resource,
    string? ResourceId,
    string Outcome,
    int Status,
    string? CorrelationId,
    string? Reason = null,
    string? ClientCorrelationId = null)
{
    /// <summary>An entry for something a booking did besides booking (made a patient record, linked a sign-in).</summary>
    public static AuditEntry ByBooker(Booking.Booker booker, DateTimeOffset at, string action, string resource, string? resourceId, string reason) => new(
        AuditStore.NewId(at),
        booker.TenantId,
        at,
        booker.Caller is { } caller
            ? new AuditActor(caller.UserId, caller.Email, RoleNames.ToWire(caller.Role))
            : new AuditActor(booker.SignedInEmail ?? "online", booker.SignedInEmail ?? "online", "unlinked"),
        action,
        resource,
        resourceId,
        "success",
        201,
        null,
        reason);
}

/// <summary>The audit log: append-only. Nothing in the API can change or delete an entry.</summary>
public sealed class AuditStore(IDocumentStore store)
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken ct = default) =>
        await store.CreateAsync(Partitions.Audit, Partitions.Tenant(entry.TenantId), entry.Id, entry, ct);

    public async Task<Result<DocumentPage<AuditEntry>>> ListAsync(Caller caller, int pageSize, string? continuationToken, CancellationToken ct = default)
    {
        if (pageSize is < 1 or > DocumentQuery.MaxPageSize)
        {
            return Error.Invalid.Field("pageSize", $"Between 1 and {DocumentQuery.MaxPageSize}.");
        }

        try
        {
            return await store.QueryAsync<AuditEntry>(Partitions.Audit, Partitions.Tenant(caller.TenantId),
                new DocumentQuery { OrderBy = nameof(AuditEntry.At), Descending = true, PageSize = pageSize, ContinuationToken = continuationToken }, ct);
        }
        catch (InvalidContinuationTokenException e)
        {
            return Error.Invalid.Field("continuationToken", e.Message);
        }
    }

    /// <summary>The entries about one record (its id in the route), newest first: a patient's accounting of disclosures.</summary>
    public async Task<Result<DocumentPage<AuditEntry>>> ForRecordAsync(string tenantId, string resourceId, int pageSize, string? continuationToken, CancellationToken ct = default)
    {
        try
        {
            return await store.QueryAsync<AuditEntry>(Partitions.Audit, Partitions.Tenant(tenantId),
                new DocumentQuery { OrderBy = nameof(AuditEntry.At), Descending = true, PageSize = pageSize, ContinuationToken = continuationToken }
                    .Where(nameof(AuditEntry.ResourceId), FilterOperator.Equal, resourceId), ct);
        }
        catch (InvalidContinuationTokenException e)
        {
            return Error.Invalid.Field("continuationToken", e.Message);
        }
    }

    /// <summary>Sortable ids keep entries in time order even when two share a timestamp.</summary>
    public static string NewId(DateTimeOffset at) => $"{at.UtcTicks:D19}-{Guid.NewGuid():N}";
}
