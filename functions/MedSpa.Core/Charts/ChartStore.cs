namespace MedSpa.Core.Charts;

/// <summary>
/// Charts, in the charts container (one partition per clinic), and the clinic's own templates, with its setup in the
/// clinic container (the built-in ones are code: <see cref="BuiltInChartTemplates"/>).
/// </summary>
public sealed class ChartStore(IDocumentStore store)
{
    private const string Container = Partitions.Charts;

    public async Task<Document<Chart>?> GetAsync(string tenantId, string id, CancellationToken ct = default) =>
        id.Length <= 200 && await store.ReadAsync<Chart>(Container, Partitions.Tenant(tenantId), id, ct) is { Body.Kind: Chart.DocumentKind } found ? found : null;

    /// <summary>Creates the chart once: a second start of the same chart of a visit finds the first.</summary>
    public async Task<(Document<Chart> Chart, bool Created)> CreateOnceAsync(Chart chart, CancellationToken ct = default)
    {
        var created = await store.CreateOnceAsync(Container, Partitions.Tenant(chart.TenantId), chart.Id, chart, ct);
        return (await GetAsync(chart.TenantId, chart.Id, ct) ?? throw new InvalidOperationException($"Chart {chart.Id} exists but cannot be read."), created);
    }

    public Task<Document<Chart>> ReplaceAsync(Chart chart, string etag, CancellationToken ct = default) =>
        store.ReplaceAsync(Container, Partitions.Tenant(chart.TenantId), chart.Id, chart, etag, ct);

    /// <summary>A patient's charts, the latest visit first.</summary>
    public async Task<IReadOnlyList<Document<Chart>>> OfPatientAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        await store.QueryAllAsync<Chart>(Container, Partitions.Tenant(tenantId), new DocumentQuery { OrderBy = nameof(Chart.VisitStart), Descending = true }
            .Where(nameof(Chart.PatientId), FilterOperator.Equal, patientId), ct);

    /// <summary>Every chart of the clinic, the latest visit first (a lot recall reads them all).</summary>
    public async Task<IReadOnlyList<Document<Chart>>> AllAsync(string tenantId, CancellationToken ct = default) =>
        await store.QueryAllAsync<Chart>(Container, Partitions.Tenant(tenantId), new DocumentQuery { OrderBy = nameof(Chart.VisitStart), Descending = true }, ct);

    /// <summary>Drafts of visits that started before <paramref name="before"/>: what the clinic's deadline locks.</summary>
    public async Task<IReadOnlyList<Document<Chart>>> DraftsBeforeAsync(string tenantId, DateTimeOffset before, CancellationToken ct = default) =>
        await store.QueryAllAsync<Chart>(Container, Partitions.Tenant(tenantId), new DocumentQuery { OrderBy = nameof(Chart.VisitStart) }
            .Where(nameof(Chart.Status), FilterOperator.Equal, ChartStatus.Draft).Where(nameof(Chart.VisitStart), FilterOperator.LessThan, before), ct);

    /// <summary>The clinic's own templates, by name.</summary>
    public async Task<IReadOnlyList<ChartTemplate>> TemplatesAsync(string tenantId, CancellationToken ct = default) =>
        [.. (await Setup.ClinicSetupStore.AllAsync<ChartTemplate>(store, tenantId, ChartTemplate.DocumentKind, ct)).OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];

    public async Task<ChartTemplate?> TemplateAsync(string tenantId, string id, CancellationToken ct = default) =>
        BuiltInChartTemplates.Find(id) ?? (await OwnTemplateAsync(tenantId, id, ct))?.Body;

    /// <summary>One of the clinic's own templates, with its version (built-in ones are not documents).</summary>
    public async Task<Document<ChartTemplate>?> OwnTemplateAsync(string tenantId, string id, CancellationToken ct = default) =>
        id.Length <= 100 && await store.ReadAsync<ChartTemplate>(Partitions.Clinic, Partitions.Tenant(tenantId), id, ct) is { Body.Kind: ChartTemplate.DocumentKind } found ? found : null;

    public Task<Document<ChartTemplate>> ReplaceTemplateAsync(ChartTemplate template, string etag, CancellationToken ct = default) =>
        store.ReplaceAsync(Partitions.Clinic, Partitions.Tenant(template.TenantId), template.Id, template, etag, ct);

    public Task<Document<ChartTemplate>> AddTemplateAsync(ChartTemplate template, CancellationToken ct = default) =>
        store.CreateAsync(Partitions.Clinic, Partitions.Tenant(template.TenantId), template.Id, template, ct);
}
