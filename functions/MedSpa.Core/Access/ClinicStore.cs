namespace MedSpa.Core.Access;

public sealed record ClinicEntry(string TenantId, string Name, DateTimeOffset CreatedAt);

/// <summary>The clinics hosted by this deployment: one small partition, read by timer-driven runs that visit each clinic.</summary>
public sealed class ClinicStore(IDocumentStore store)
{
    private const string Partition = "clinics";

    public async Task RegisterAsync(ClinicEntry clinic, CancellationToken ct = default)
    {
        if (await store.ReadAsync<ClinicEntry>(Partitions.Directory, Partition, clinic.TenantId, ct) is null)
        {
            await store.CreateAsync(Partitions.Directory, Partition, clinic.TenantId, clinic, ct);
        }
    }

    /// <summary>One clinic by its tenant id (a point read), or null.</summary>
    public async Task<ClinicEntry?> FindAsync(string tenantId, CancellationToken ct = default) =>
        (await store.ReadAsync<ClinicEntry>(Partitions.Directory, Partition, tenantId, ct))?.Body;

    public async Task<IReadOnlyList<ClinicEntry>> ListAsync(CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<ClinicEntry>(Partitions.Directory, Partition, new DocumentQuery(), ct)).Select(d => d.Body)];
}
