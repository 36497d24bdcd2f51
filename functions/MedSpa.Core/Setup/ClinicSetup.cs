namespace MedSpa.Core.Setup;

/// <summary>All of a clinic's setup, read together (it shares one partition and is small): what booking decides from.</summary>
public sealed record ClinicSetup(
    IReadOnlyList<Location> Locations,
    IReadOnlyList<StaffMember> Staff,
    IReadOnlyList<Service> Services,
    IReadOnlyList<Room> Rooms,
    IReadOnlyList<Equipment> Equipment)
{
    public Location? Location(string? id) => Locations.FirstOrDefault(l => l.Id == id && !l.Deleted);

    public Service? Service(string? id) => Services.FirstOrDefault(s => s.Id == id && !s.Deleted);

    public StaffMember? Member(string? id) => Staff.FirstOrDefault(s => s.Id == id);
}

public sealed class ClinicSetupStore(IDocumentStore store)
{
    public async Task<ClinicSetup> LoadAsync(string tenantId, CancellationToken ct = default) => new(
        await AllAsync<Location>(store, tenantId, "location", ct),
        await AllAsync<StaffMember>(store, tenantId, "staff", ct),
        await AllAsync<Service>(store, tenantId, "service", ct),
        await AllAsync<Room>(store, tenantId, "room", ct),
        await AllAsync<Equipment>(store, tenantId, "equipment", ct));

    /// <summary>Every document of one kind in a tenant's partition of a container, following continuation tokens.</summary>
    public static async Task<List<T>> AllAsync<T>(IDocumentStore store, string tenantId, string? kind, CancellationToken ct, string container = Partitions.Clinic)
    {
        var query = new DocumentQuery();
        var found = await store.QueryAllAsync<T>(container, Partitions.Tenant(tenantId), kind is null ? query : query.Where(nameof(SetupItem.Kind), FilterOperator.Equal, kind), ct);
        return [.. found.Select(d => d.Body)];
    }
}
