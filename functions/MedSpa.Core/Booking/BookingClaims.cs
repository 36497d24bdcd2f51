using MedSpa.Core.Common;

namespace MedSpa.Core.Booking;

/// <summary>A resource that was taken when a booking tried to claim it.</summary>
public sealed record ClaimConflict(string ResourceId, string OtherBookingId);

/// <summary>
/// Claims every resource a booking needs, all or nothing. Resources are claimed in a fixed (ordinal) order so two
/// bookings racing for the same set cannot deadlock-wait on each other, and whatever was claimed is released when a
/// later claim fails. Each claim is a read-check-replace-if-match on the resource's ledger, retried on a stale ETag.
/// </summary>
public sealed class BookingClaims(IDocumentStore store)
{
    public const string Container = "schedule";

    private const int MaxAttempts = 50;

    /// <returns>null when every resource is held for the booking; otherwise the first conflict (nothing stays claimed).</returns>
    public async Task<ClaimConflict?> ClaimAllAsync(
        string tenantId,
        string locationId,
        string date,
        IEnumerable<string> resourceIds,
        Claim claim,
        DateTimeOffset now,
        CancellationToken ct = default)
    {
        var claimed = new List<string>();
        foreach (var resourceId in resourceIds.Distinct().Order(StringComparer.Ordinal))
        {
            var conflict = await ClaimAsync(tenantId, locationId, date, resourceId, claim, now, ct);
            if (conflict is not null)
            {
                await ReleaseAllAsync(tenantId, locationId, date, claimed, claim.BookingId, ct);
                return conflict;
            }

            claimed.Add(resourceId);
        }

        return null;
    }

    /// <summary>Makes the booking's claims permanent (no expiry): the booking is live.</summary>
    public Task ConfirmAllAsync(string tenantId, string locationId, string date, IEnumerable<string> resourceIds, string bookingId, CancellationToken ct = default) =>
        UpdateEachAsync(tenantId, locationId, date, resourceIds, ledger => ledger.Holds(bookingId)
            ? ledger with { Claims = [.. ledger.Claims.Select(c => c.BookingId == bookingId ? c with { ExpiresAt = null } : c)] }
            : null, ct);

    /// <summary>Frees the booking's time at once (cancel, decline, expiry). Idempotent.</summary>
    public Task ReleaseAllAsync(string tenantId, string locationId, string date, IEnumerable<string> resourceIds, string bookingId, CancellationToken ct = default) =>
        UpdateEachAsync(tenantId, locationId, date, resourceIds, ledger => ledger.Holds(bookingId) ? ledger.Without(bookingId) : null, ct);

    /// <summary>Every live claim at a location on a local date: what availability must treat as busy.</summary>
    public async Task<IReadOnlyList<(string ResourceId, Claim Claim)>> LiveClaimsAsync(string tenantId, string locationId, string date, DateTimeOffset now, CancellationToken ct = default)
    {
        var result = new List<(string, Claim)>();
        string? token = null;
        do
        {
            var page = await store.QueryAsync<ResourceLedger>(Container, ResourceLedger.PartitionFor(tenantId, locationId, date),
                new DocumentQuery { PageSize = DocumentQuery.MaxPageSize, ContinuationToken = token }, ct);
            foreach (var ledger in page.Items)
            {
                foreach (var claim in ledger.Body.Claims)
                {
                    if (claim.IsLive(now))
                    {
                        result.Add((ledger.Body.ResourceId, claim));
                    }
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return result;
    }

    private async Task<ClaimConflict?> ClaimAsync(string tenantId, string locationId, string date, string resourceId, Claim claim, DateTimeOffset now, CancellationToken ct)
    {
        var pk = ResourceLedger.PartitionFor(tenantId, locationId, date);
        var id = ResourceLedger.IdFor(resourceId, date);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.ReadAsync<ResourceLedger>(Container, pk, id, ct);
            var ledger = current?.Body ?? new ResourceLedger { TenantId = tenantId, LocationId = locationId, ResourceId = resourceId, Date = date };
            if (ledger.ConflictWith(claim, now) is { } other)
            {
                return new ClaimConflict(resourceId, other.BookingId);
            }

            try
            {
                if (current is null)
                {
                    await store.CreateAsync(Container, pk, id, ledger.With(claim, now), ct);
                }
                else
                {
                    await store.ReplaceAsync(Container, pk, id, ledger.With(claim, now), current.ETag, ct);
                }

                return null;
            }
            catch (Exception e) when (e is DocumentStaleException or DocumentConflictException or DocumentNotFoundException)
            {
                // Someone else wrote this ledger since we read it: read again and re-check.
            }
        }

        throw new DocumentStoreException($"Could not claim {resourceId} after {MaxAttempts} attempts under contention.");
    }

    private async Task UpdateEachAsync(string tenantId, string locationId, string date, IEnumerable<string> resourceIds, Func<ResourceLedger, ResourceLedger?> change, CancellationToken ct)
    {
        var pk = ResourceLedger.PartitionFor(tenantId, locationId, date);
        foreach (var resourceId in resourceIds.Distinct().Order(StringComparer.Ordinal))
        {
            var id = ResourceLedger.IdFor(resourceId, date);
            for (var attempt = 0; ; attempt++)
            {
                var current = await store.ReadAsync<ResourceLedger>(Container, pk, id, ct);
                if (current is null || change(current.Body) is not { } changed)
                {
                    break;
                }

                try
                {
                    await store.ReplaceAsync(Container, pk, id, changed, current.ETag, ct);
                    break;
                }
                catch (DocumentStaleException) when (attempt < MaxAttempts)
                {
                    // Re-read and apply again.
                }
            }
        }
    }
}
