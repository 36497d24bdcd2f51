namespace MedSpa.Core.Memberships;

/// <summary>Memberships, in the clinic's payments partition, changed only by replace-if-match.</summary>
public sealed class MembershipStore(IDocumentStore store)
{
    private const string Container = Partitions.Payments;

    public Task<Document<Membership>?> GetAsync(string tenantId, string id, CancellationToken ct = default) =>
        store.ReadAsync<Membership>(Container, tenantId, id, ct);

    public async Task<IReadOnlyList<Membership>> ForPatientAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<Membership>(Container, tenantId, new DocumentQuery()
            .Where(nameof(Membership.PatientId), FilterOperator.Equal, patientId)
            .Where(nameof(Membership.Kind), FilterOperator.Equal, "membership"), ct)).Select(d => d.Body).OrderByDescending(m => m.JoinedAt)];

    /// <summary>Memberships whose charge (a renewal, or a retry after a decline) is due by <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<Document<Membership>>> DueAsync(string tenantId, DateTimeOffset now, CancellationToken ct = default) =>
        await store.QueryAllAsync<Membership>(Container, tenantId, new DocumentQuery { OrderBy = nameof(Membership.NextChargeAt) }
            .Where(nameof(Membership.Kind), FilterOperator.Equal, "membership")
            .Where(nameof(Membership.NextChargeAt), FilterOperator.LessThanOrEqual, now), ct);

    public Task<Document<Membership>> CreateAsync(Membership membership, CancellationToken ct = default) =>
        store.CreateAsync(Container, membership.TenantId, membership.Id, membership, ct);

    public Task<Document<Membership>> SaveAsync(Membership membership, string etag, CancellationToken ct = default) =>
        store.ReplaceAsync(Container, membership.TenantId, membership.Id, membership, etag, ct);

    public Task<bool> DeleteAsync(Document<Membership> membership, CancellationToken ct = default) =>
        store.DeleteAsync(Container, membership.PartitionKey, membership.Id, membership.ETag, ct);
}
