namespace MedSpa.Core.Booking;

/// <summary>
/// What a clinic offers for online booking: its open locations, the services patients may book (at a location, only
/// those someone there performs), and the practitioners who perform a service. The one place that decides it.
/// </summary>
public sealed class OnlineCatalog(ClinicSetupStore setupStore)
{
    public async Task<IReadOnlyList<Location>> LocationsAsync(string tenantId, CancellationToken ct = default) =>
        [.. (await setupStore.LoadAsync(tenantId, ct)).Locations.Where(l => !l.Deleted).OrderBy(l => l.Name)];

    public async Task<IReadOnlyList<Service>> ServicesAsync(string tenantId, string? locationId, CancellationToken ct = default)
    {
        var setup = await setupStore.LoadAsync(tenantId, ct);
        return [.. setup.Services
            .Where(s => !s.Deleted && s.OnlineBookable && (locationId is null || PerformedAt(setup, s, locationId)))
            .OrderBy(s => s.Category).ThenBy(s => s.Name)];
    }

    public async Task<IReadOnlyList<StaffMember>> PractitionersAsync(string tenantId, string? serviceId, string? locationId, CancellationToken ct = default)
    {
        var setup = await setupStore.LoadAsync(tenantId, ct);
        var service = setup.Service(serviceId);
        return [.. setup.Staff
            .Where(s => !s.Deleted && s.Role == StaffRole.Practitioner
                && (service is null || service.IsPerformedBy(s))
                && (locationId is null || s.WorkingHours.Any(h => h.LocationId == locationId)))
            .OrderBy(s => s.LastName)];
    }

    private static bool PerformedAt(ClinicSetup setup, Service service, string locationId) =>
        setup.Staff.Any(s => service.IsPerformedBy(s) && s.WorkingHours.Any(h => h.LocationId == locationId));
}
