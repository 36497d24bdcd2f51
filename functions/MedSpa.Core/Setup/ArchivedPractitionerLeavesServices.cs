namespace MedSpa.Core.Setup;

/// <summary>
/// An archived practitioner performs no service any more: they leave every service's practitioner list, so who
/// performs a service stays true and a service naming only current staff can always be saved. Restoring the
/// practitioner does not put them back: the clinic chooses their services again on the services' pages.
/// </summary>
public sealed class ArchivedPractitionerLeavesServices(SetupStore<Service> services, ClinicSetupStore setupStore) : ISetupItemHook<StaffMember>
{
    private const int Attempts = 3;

    public Task<Error?> CheckAsync(Caller caller, StaffMember item, CancellationToken ct) => Task.FromResult<Error?>(null);

    public async Task AfterSaveAsync(Caller caller, StaffMember? before, StaffMember saved, CancellationToken ct)
    {
        if (!saved.Deleted || before?.Deleted == true)
        {
            return;
        }

        var setup = await setupStore.LoadAsync(caller.TenantId, ct);
        foreach (var service in setup.Services.Where(s => s.PractitionerIds.Contains(saved.Id)))
        {
            await LeaveAsync(caller, service.Id, saved.Id, ct);
        }
    }

    private async Task LeaveAsync(Caller caller, string serviceId, string staffId, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var current = await services.GetAsync(caller, serviceId, ct);
            if (!current.IsSuccess || !current.Value.Body.PractitionerIds.Contains(staffId))
            {
                return;
            }

            var without = current.Value.Body with { PractitionerIds = [.. current.Value.Body.PractitionerIds.Where(id => id != staffId)] };
            if ((await services.UpdateAsync(caller, serviceId, without, current.Value.ETag, ct)).Error is not Error.Stale)
            {
                return;
            }

            // Someone saved the service meanwhile: read it again and take the practitioner off that version.
        }
    }
}
