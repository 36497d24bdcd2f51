namespace MedSpa.Core.Booking;

/// <summary>A resource that was taken when a booking tried to claim it.</summary>
public sealed record ClaimConflict(string ResourceId, string OtherBookingId);

/// <summary>
/// Claims every resource a booking needs, all or nothing. Ledgers are claimed in a fixed order (resource, then day)
/// so racing bookings meet in the same order, and whatever was claimed is released when a later claim fails. Each
/// claim is a read-check-replace-if-match on the ledger, retried on a stale ETag: the store arbitrates every race.
/// </summary>
public sealed class ResourceLedgerStore(IDocumentStore store)
{
    public const string Container = Partitions.Schedule;

    private const int MaxAttempts = 100;

    /// <returns>null when every resource is held for the booking; otherwise the first conflict (nothing stays claimed).</returns>
    /// <param name="overlayResourceId">A resource staff double-book on purpose: claimed as an overlay that never conflicts.</param>
    public async Task<ClaimConflict?> ClaimAllAsync(string tenantId, IEnumerable<string> resourceIds, Claim claim, DateTimeOffset now, string? overlayResourceId = null, CancellationToken ct = default)
    {
        var claimed = new List<(string Resource, string Day)>();
        foreach (var (resourceId, day) in LedgersOf(resourceIds, claim))
        {
            var conflict = await ClaimAsync(tenantId, resourceId, day, resourceId == overlayResourceId ? claim with { Overlay = true } : claim, now, ct);
            if (conflict is not null)
            {
                foreach (var (resource, claimedDay) in claimed)
                {
                    await UpdateAsync(tenantId, resource, claimedDay, l => l.Holds(claim.BookingId) ? l.Without(claim.BookingId) : null, ct);
                }

                return conflict;
            }

            claimed.Add((resourceId, day));
        }

        return null;
    }

    /// <summary>Makes the booking's claims permanent (no expiry): the booking is live.</summary>
    public async Task ConfirmAllAsync(string tenantId, IEnumerable<string> resourceIds, Claim claim, CancellationToken ct = default)
    {
        foreach (var (resourceId, day) in LedgersOf(resourceIds, claim))
        {
            await UpdateAsync(tenantId, resourceId, day, ledger => ledger.Holds(claim.BookingId)
                ? ledger with { Claims = [.. ledger.Claims.Select(c => c.BookingId == claim.BookingId ? c with { ExpiresAt = null } : c)] }
                : null, ct);
        }
    }

    /// <summary>Frees the booking's time at once (cancel, decline, expiry, reschedule). Idempotent.</summary>
    public async Task ReleaseAllAsync(string tenantId, IEnumerable<string> resourceIds, Claim claim, CancellationToken ct = default)
    {
        foreach (var (resourceId, day) in LedgersOf(resourceIds, claim))
        {
            await UpdateAsync(tenantId, resourceId, day, l => l.Holds(claim.BookingId) ? l.Without(claim.BookingId) : null, ct);
        }
    }

    /// <summary>Every live claim touching the UTC days of [from, to): what availability must treat as busy.</summary>
    public async Task<IReadOnlyList<(string ResourceId, Claim Claim)>> LiveClaimsAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken ct = default)
    {
        var result = new List<(string, Claim)>();
        var seen = new HashSet<(string, string)>();
        foreach (var day in ResourceLedger.DaysOf(from, to))
        {
            foreach (var ledger in await store.QueryAllAsync<ResourceLedger>(Container, ResourceLedger.PartitionFor(tenantId, day), new DocumentQuery(), ct))
            {
                foreach (var claim in ledger.Body.Claims)
                {
                    // A span across midnight sits in two ledgers; count it once.
                    if (claim.IsLive(now) && seen.Add((ledger.Body.ResourceId, claim.BookingId)))
                    {
                        result.Add((ledger.Body.ResourceId, claim));
                    }
                }
            }
        }

        return result;
    }

    private static IEnumerable<(string ResourceId, string Day)> LedgersOf(IEnumerable<string> resourceIds, Claim claim) =>
        from resourceId in resourceIds.Distinct().Order(StringComparer.Ordinal)
        from day in ResourceLedger.DaysOf(claim.Start, claim.End)
        select (resourceId, day);

    private async Task<ClaimConflict?> ClaimAsync(string tenantId, string resourceId, string day, Claim claim, DateTimeOffset now, CancellationToken ct)
    {
        var pk = ResourceLedger.PartitionFor(tenantId, day);
        var id = ResourceLedger.IdFor(resourceId, day);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.ReadAsync<ResourceLedger>(Container, pk, id, ct);
            var ledger = current?.Body ?? new ResourceLedger { TenantId = tenantId, ResourceId = resourceId, Date = day };
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
                await Task.Delay(Random.Shared.Next(0, 3 + attempt), ct);
            }
        }

        throw new DocumentStoreException($"Could not claim {resourceId} after {MaxAttempts} attempts under contention.");
    }

    private async Task UpdateAsync(string tenantId, string resourceId, string day, Func<ResourceLedger, ResourceLedger?> change, CancellationToken ct)
    {
        var pk = ResourceLedger.PartitionFor(tenantId, day);
        var id = ResourceLedger.IdFor(resourceId, day);
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.ReadAsync<ResourceLedger>(Container, pk, id, ct);
            if (current is null || change(current.Body) is not { } changed)
            {
                return;
            }

            try
            {
                await store.ReplaceAsync(Container, pk, id, changed, current.ETag, ct);
                return;
            }
            catch (DocumentStaleException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(0, 3 + attempt), ct);
            }
        }
    }
}
