namespace MedSpa.Core.Calendars;

/// <summary>
/// Brings a connected calendar's busy times up to date: what changed since the stored sync state (a delta link, a sync
/// token), or everything in the booking window when there is no state or the provider says it expired. The result is
/// saved only over the version it was computed from, so two syncs at once never put an older answer over a newer one
/// (the later one runs again from the state the earlier one stored). Idempotent: a repeated sync changes nothing.
/// </summary>
public sealed class SyncExternalCalendar(CalendarConnectionStore connections, IEnumerable<ICalendarProviderClient> providers, TimeProvider clock)
{
    /// <summary>Busy time from a day ago to the end of the longest booking window (a year ahead).</summary>
    public static readonly TimeSpan Back = TimeSpan.FromDays(1);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(366);

    public async Task<CalendarConnection?> SyncAsync(string tenantId, string practitionerId, CalendarProvider provider, CancellationToken ct = default)
    {
        var client = providers.Single(p => p.Provider == provider);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await connections.ReadAsync(tenantId, practitionerId, provider, ct) is not { } current)
            {
                return null;
            }

            var connection = current.Body;
            var now = clock.GetUtcNow();
            CalendarChanges changes;
            try
            {
                try
                {
                    changes = await client.ChangesAsync(connection.CalendarId, connection.SyncState, now - Back, now + Ahead, ct);
                }
                catch (CalendarProviderException e) when (e.FullSyncRequired && connection.SyncState is not null)
                {
                    changes = await client.ChangesAsync(connection.CalendarId, null, now - Back, now + Ahead, ct);
                }
            }
            catch (CalendarProviderException e)
            {
                // Kept on the connection for the practitioner to see; the timer tries again.
                return (await connections.ChangeAsync(tenantId, practitionerId, provider, c => c with { Problem = $"The last update failed: {e.Message}" }, ct))?.Body;
            }

            var busy = changes.Full ? [] : connection.Busy.ToDictionary(b => b.EventId, StringComparer.Ordinal);
            foreach (var removed in changes.Removed)
            {
                busy.Remove(removed);
            }

            foreach (var block in changes.Busy)
            {
                busy[block.EventId] = block;
            }

            var synced = connection with
            {
                Busy = [.. busy.Values.Where(b => b.End > b.Start && b.End > now - Back).OrderBy(b => b.Start).ThenBy(b => b.EventId, StringComparer.Ordinal)],
                SyncState = changes.SyncState,
                SyncedAt = now,
                SyncRequestedAt = null,
                Problem = null,
            };
            try
            {
                return (await connections.SaveAsync(tenantId, synced, current.ETag, ct)).Body;
            }
            catch (DocumentStaleException)
            {
                // Another sync (or a renewal) saved first: start again from what it stored.
            }
        }

        return (await connections.ReadAsync(tenantId, practitionerId, provider, ct))?.Body;
    }
}
