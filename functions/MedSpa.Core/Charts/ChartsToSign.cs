namespace MedSpa.Core.Charts;

/// <summary>A draft waiting for its practitioner's signature, and when it locks unsigned.</summary>
public sealed record ChartToSign(Chart Chart, DateTimeOffset LocksAt);

/// <summary>
/// The charts still to sign, the first to lock first: a practitioner's own; every practitioner's for an admin (who
/// chases them). Read when the practitioner opens the staff app, so the reminder is where they work as well as in the outbox.
/// </summary>
public sealed class ChartsToSign(ChartStore charts, ChartingSettingsStore settings, TimeProvider clock)
{
    public async Task<IReadOnlyList<ChartToSign>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        var deadline = (await settings.GetAsync(caller.TenantId, ct)).Body;
        var drafts = await charts.DraftsBeforeAsync(caller.TenantId, clock.GetUtcNow().AddDays(400), ct);
        return [.. drafts.Select(d => d.Body)
            .Where(c => caller.Role == Role.Admin || c.PractitionerId == caller.StaffId)
            .Select(c => new ChartToSign(c, deadline.LocksAt(c.VisitStart)))
            .OrderBy(c => c.LocksAt)];
    }
}
