namespace MedSpa.Core.Charts;

/// <summary>
/// The clinic's deadline for charts: a draft whose visit started more than <see cref="Deadline"/> ago is locked as it
/// is (unsigned: the practitioner may still sign it, dated late), so that no note stays editable for ever. Run by a
/// timer; safe to run again (a chart changed meanwhile is looked at next time).
/// </summary>
public sealed class LockOverdueCharts(ChartStore charts, Access.ClinicStore clinics, TimeProvider clock)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromHours(24);

    public async Task<int> LockAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var locked = 0;
        foreach (var clinic in await clinics.ListAsync(ct))
        {
            foreach (var draft in await charts.DraftsBeforeAsync(clinic.TenantId, now - Deadline, ct))
            {
                if (draft.Body.Lock("Automatic: 24 hours after the visit", now) is { IsSuccess: true, Value: var closed })
                {
                    try
                    {
                        await charts.ReplaceAsync(closed, draft.ETag, ct);
                        locked++;
                    }
                    catch (DocumentStaleException)
                    {
                        // Being edited or signed right now: the next run looks again.
                    }
                }
            }
        }

        return locked;
    }
}
