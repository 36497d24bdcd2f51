using System.Collections.Concurrent;

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

    /// <summary>
    /// The clinic's first location (the one set up first, then by name): where a sale without a visit is made and whose
    /// zone and address stand for the clinic. The store returns locations in no particular order, so it is chosen here.
    /// </summary>
    public Location? MainLocation => Locations.Where(l => !l.Deleted).OrderBy(l => l.CreatedAt).ThenBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Id, StringComparer.Ordinal).FirstOrDefault();

    public Service? Service(string? id) => Services.FirstOrDefault(s => s.Id == id && !s.Deleted);

    public StaffMember? Member(string? id) => Staff.FirstOrDefault(s => s.Id == id);

    /// <summary>The currency the clinic prices in (its services'): what a sale without a visit, a gift card and a report use.</summary>
    public string Currency => Services.Select(s => s.Price?.Currency).FirstOrDefault(c => c is not null) ?? "USD";
}

/// <summary>
/// Reads a clinic's setup. Every availability and booking request needs all of it and it changes rarely, so each
/// instance keeps the clinic's setup in memory under the clinic's setup version: the ETag of one small document that
/// every setup write replaces (<see cref="ChangedAsync"/>). A read costs one point read while nothing changed, and a
/// write on any instance is seen by the next read on every instance (in Azure the version document in Cosmos decides).
/// </summary>
public sealed class ClinicSetupStore(IDocumentStore store)
{
    public const string VersionDocumentId = "setup-version";

    private readonly ConcurrentDictionary<string, (string Version, ClinicSetup Setup)> _loaded = new();

    public async Task<ClinicSetup> LoadAsync(string tenantId, CancellationToken ct = default)
    {
        // The version is read before the items, so a copy is never filed under a version newer than what it holds.
        var version = (await store.ReadAsync<SetupVersion>(Partitions.Clinic, Partitions.Tenant(tenantId), VersionDocumentId, ct))?.ETag ?? "";
        if (_loaded.TryGetValue(tenantId, out var loaded) && loaded.Version == version)
        {
            return loaded.Setup;
        }

        var setup = new ClinicSetup(
            await AllAsync<Location>(store, tenantId, "location", ct),
            await AllAsync<StaffMember>(store, tenantId, "staff", ct),
            await AllAsync<Service>(store, tenantId, "service", ct),
            await AllAsync<Room>(store, tenantId, "room", ct),
            await AllAsync<Equipment>(store, tenantId, "equipment", ct));
        _loaded[tenantId] = (version, setup);
        return setup;
    }

    /// <summary>A new setup version for the clinic; every setup write calls it once its change is saved.</summary>
    public async Task ChangedAsync(string tenantId, CancellationToken ct = default)
    {
        var pk = Partitions.Tenant(tenantId);
        var current = await store.ReadAsync<SetupVersion>(Partitions.Clinic, pk, VersionDocumentId, ct);
        try
        {
            _ = current is null
                ? await store.CreateAsync(Partitions.Clinic, pk, VersionDocumentId, new SetupVersion(), ct)
                : await store.ReplaceAsync(Partitions.Clinic, pk, VersionDocumentId, current.Body, current.ETag, ct);
        }
        catch (Exception e) when (e is DocumentConflictException or DocumentStaleException)
        {
            // Another write moved the version meanwhile, after saving its own change: it is new either way.
        }
    }

    /// <summary>Its ETag is the version; the body only says what it is.</summary>
    private sealed record SetupVersion(string Kind = "setupVersion");

    /// <summary>Every document of one kind in a tenant's partition of a container, following continuation tokens.</summary>
    public static async Task<List<T>> AllAsync<T>(IDocumentStore store, string tenantId, string? kind, CancellationToken ct, string container = Partitions.Clinic)
    {
        var query = new DocumentQuery();
        var found = await store.QueryAllAsync<T>(container, Partitions.Tenant(tenantId), kind is null ? query : query.Where(nameof(SetupItem.Kind), FilterOperator.Equal, kind), ct);
        return [.. found.Select(d => d.Body)];
    }
}
