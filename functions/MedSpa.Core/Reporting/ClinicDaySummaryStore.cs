namespace MedSpa.Core.Reporting;

/// <summary>A clinic's daily summaries, one document per date in the clinic partition.</summary>
public sealed class ClinicDaySummaryStore(IDocumentStore store)
{
    private sealed record StoredSummary(ClinicDaySummary Summary)
    {
        public string Kind => "day-summary";
    }

    /// <summary>Stores the summary under its date; saving again (activities run at least once) rewrites it.</summary>
    public async Task SaveAsync(ClinicDaySummary summary, CancellationToken ct = default)
    {
        var id = $"summary-{summary.Date}";
        var document = new StoredSummary(summary);
        var existing = await store.ReadAsync<StoredSummary>(Partitions.Clinic, summary.TenantId, id, ct);
        if (existing is null)
        {
            await store.CreateAsync(Partitions.Clinic, summary.TenantId, id, document, ct);
        }
        else
        {
            await store.ReplaceAsync(Partitions.Clinic, summary.TenantId, id, document, existing.ETag, ct);
        }
    }
}
