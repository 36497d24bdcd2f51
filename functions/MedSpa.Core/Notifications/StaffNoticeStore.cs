namespace MedSpa.Core.Notifications;

/// <summary>A message for a member of staff (a chart to sign before it locks), kept in the outbox SMS and email delivery reads.</summary>
public sealed record StaffNotice(string Id, string TenantId, string StaffId, string Subject, string Body, string? Link, DateTimeOffset At)
{
    public const string DocumentKind = "staff-notice";

    public string Kind => DocumentKind;
}

/// <summary>Records staff notices idempotently: the id names what it is about, so a timer that runs again writes it once.</summary>
public sealed class StaffNoticeStore(IDocumentStore store)
{
    /// <returns>True when this notice is new; false when it was recorded before.</returns>
    public Task<bool> RecordAsync(StaffNotice notice, CancellationToken ct = default) =>
        store.CreateOnceAsync(Partitions.Notifications, notice.TenantId, notice.Id, notice, ct);

    public async Task<StaffNotice?> GetAsync(string tenantId, string id, CancellationToken ct = default) =>
        await store.ReadAsync<StaffNotice>(Partitions.Notifications, tenantId, id, ct) is { Body.Kind: StaffNotice.DocumentKind } found ? found.Body : null;
}
