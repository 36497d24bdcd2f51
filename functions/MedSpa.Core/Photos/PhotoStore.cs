namespace MedSpa.Core.Photos;

/// <summary>Clinical photos' records, in the photos container (one partition per clinic); the lists leave removed photos out.</summary>
public sealed class PhotoStore(IDocumentStore store)
{
    private const string Container = Partitions.Photos;

    public async Task<Document<ClinicalPhoto>?> GetAsync(string tenantId, string id, CancellationToken ct = default) =>
        id.Length <= 200 && await store.ReadAsync<ClinicalPhoto>(Container, Partitions.Tenant(tenantId), id, ct) is { Body.Kind: ClinicalPhoto.DocumentKind } found ? found : null;

    public Task<Document<ClinicalPhoto>> ReplaceAsync(ClinicalPhoto photo, string etag, CancellationToken ct = default) =>
        store.ReplaceAsync(Container, Partitions.Tenant(photo.TenantId), photo.Id, photo, etag, ct);

    public Task<Document<ClinicalPhoto>> AddAsync(ClinicalPhoto photo, CancellationToken ct = default) =>
        store.CreateAsync(Container, Partitions.Tenant(photo.TenantId), photo.Id, photo, ct);

    /// <summary>A patient's photos, the latest visit first.</summary>
    public async Task<IReadOnlyList<Document<ClinicalPhoto>>> OfPatientAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<ClinicalPhoto>(Container, Partitions.Tenant(tenantId), new DocumentQuery { OrderBy = nameof(ClinicalPhoto.VisitStart), Descending = true }
            .Where(nameof(ClinicalPhoto.PatientId), FilterOperator.Equal, patientId), ct)).Where(d => d.Body.Removed is null)];

    /// <summary>The photos filed with one chart, in the order they were taken.</summary>
    public async Task<IReadOnlyList<Document<ClinicalPhoto>>> OfChartAsync(string tenantId, string chartId, CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<ClinicalPhoto>(Container, Partitions.Tenant(tenantId), new DocumentQuery { OrderBy = nameof(ClinicalPhoto.VisitStart) }
            .Where(nameof(ClinicalPhoto.ChartId), FilterOperator.Equal, chartId), ct)).Where(d => d.Body.Removed is null).OrderBy(p => p.Body.UploadedAt)];

    /// <summary>A page of the clinic's photos, the latest visit first; a page size out of range or a foreign token is the caller's error.</summary>
    public async Task<Result<DocumentPage<ClinicalPhoto>>> PageAsync(string tenantId, int pageSize, string? continuationToken, CancellationToken ct = default)
    {
        if (pageSize is < 1 or > DocumentQuery.MaxPageSize)
        {
            return Error.Invalid.Field("pageSize", $"Between 1 and {DocumentQuery.MaxPageSize}.");
        }

        try
        {
            return await store.QueryAsync<ClinicalPhoto>(Container, Partitions.Tenant(tenantId),
                new DocumentQuery { OrderBy = nameof(ClinicalPhoto.VisitStart), Descending = true, PageSize = pageSize, ContinuationToken = continuationToken }, ct);
        }
        catch (InvalidContinuationTokenException e)
        {
            return Error.Invalid.Field("continuationToken", e.Message);
        }
    }
}
