namespace MedSpa.Core.Memberships;

/// <summary>The hourly run: every clinic's memberships due for a charge (a new period, or a retry after a decline).</summary>
public sealed class RenewDueMemberships(Access.ClinicStore clinics, MembershipStore memberships, RenewMembership renew, TimeProvider clock)
{
    /// <returns>How many memberships were charged or tried.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var tried = 0;
        foreach (var clinic in await clinics.ListAsync(ct))
        {
            foreach (var due in await memberships.DueAsync(clinic.TenantId, clock.GetUtcNow(), ct))
            {
                if (await renew.RenewAsync(clinic.TenantId, due.Id, ct) is not null)
                {
                    tried++;
                }
            }
        }

        return tried;
    }
}
