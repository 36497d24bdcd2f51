namespace MedSpa.Core.Waitlist;

/// <summary>
/// Where the waitlist lives: the tenant's partition of the <c>waitlist</c> container, holding entries and the offers
/// made from them. A patient's entries, a location's waitlist and the entries one freed time could suit are all
/// single-partition queries.
/// </summary>
public sealed class WaitlistStore(IDocumentStore store)
{
    public const string Container = Partitions.Waitlist;

    private const string EntryKind = "waitlist-entry";
    private const string OfferKind = "waitlist-offer";

    public async Task<Document<WaitlistEntry>?> GetEntryAsync(string tenantId, string id, CancellationToken ct = default) =>
        id.Length <= 100 ? await store.ReadAsync<WaitlistEntry>(Container, tenantId, id, ct) is { Body.Kind: EntryKind } found ? found : null : null;

    public Task<Document<WaitlistEntry>> AddEntryAsync(WaitlistEntry entry, CancellationToken ct = default) =>
        store.CreateAsync(Container, entry.TenantId, entry.Id, entry, ct);

    public Task<Document<WaitlistEntry>> SaveEntryAsync(WaitlistEntry entry, string etag, CancellationToken ct = default) =>
        store.ReplaceAsync(Container, entry.TenantId, entry.Id, entry, etag, ct);

    public Task<IReadOnlyList<Document<WaitlistEntry>>> EntriesOfPatientAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        AllAsync<WaitlistEntry>(tenantId, Entries().Where(nameof(WaitlistEntry.PatientId), FilterOperator.Equal, patientId), ct);

    /// <summary>A clinic's entries, or one location's.</summary>
    public Task<IReadOnlyList<Document<WaitlistEntry>>> EntriesAsync(string tenantId, string? locationId, CancellationToken ct = default) =>
        AllAsync<WaitlistEntry>(tenantId, locationId is null ? Entries() : Entries().Where(nameof(WaitlistEntry.LocationId), FilterOperator.Equal, locationId), ct);

    /// <summary>Entries still waiting for a service at a location: what a freed time is matched against.</summary>
    public async Task<IReadOnlyList<Document<WaitlistEntry>>> WaitingForAsync(string tenantId, string serviceId, string locationId, CancellationToken ct = default) =>
        [.. (await AllAsync<WaitlistEntry>(tenantId, Entries()
            .Where(nameof(WaitlistEntry.ServiceId), FilterOperator.Equal, serviceId)
            .Where(nameof(WaitlistEntry.LocationId), FilterOperator.Equal, locationId)
            .Where(nameof(WaitlistEntry.Status), FilterOperator.NotEqual, WireNames.Of(WaitlistStatus.Removed))
            .Where(nameof(WaitlistEntry.Status), FilterOperator.NotEqual, WireNames.Of(WaitlistStatus.Booked)), ct))];

    public async Task<Document<WaitlistSlotOffer>?> GetOfferAsync(string tenantId, string id, CancellationToken ct = default) =>
        id.Length <= 100 ? await store.ReadAsync<WaitlistSlotOffer>(Container, tenantId, id, ct) is { Body.Kind: OfferKind } found ? found : null : null;

    /// <summary>Creates the offer, or returns the one an earlier attempt created (offer ids are deterministic).</summary>
    public async Task<Document<WaitlistSlotOffer>> AddOfferAsync(WaitlistSlotOffer offer, CancellationToken ct = default)
    {
        try
        {
            return await store.CreateAsync(Container, offer.TenantId, offer.Id, offer, ct);
        }
        catch (DocumentConflictException)
        {
            return await GetOfferAsync(offer.TenantId, offer.Id, ct)
                ?? throw new InvalidOperationException($"Offer {offer.Id} exists under another kind of document.");
        }
    }

    public Task<Document<WaitlistSlotOffer>> SaveOfferAsync(WaitlistSlotOffer offer, string etag, CancellationToken ct = default) =>
        store.ReplaceAsync(Container, offer.TenantId, offer.Id, offer, etag, ct);

    /// <summary>Every offer made for one freed time, all rounds.</summary>
    public Task<IReadOnlyList<Document<WaitlistSlotOffer>>> OffersForAsync(string tenantId, string freedAppointmentId, CancellationToken ct = default) =>
        AllAsync<WaitlistSlotOffer>(tenantId, new DocumentQuery { PageSize = DocumentQuery.MaxPageSize }
            .Where(nameof(WaitlistSlotOffer.Kind), FilterOperator.Equal, OfferKind)
            .Where(nameof(WaitlistSlotOffer.FreedAppointmentId), FilterOperator.Equal, freedAppointmentId), ct);

    private static DocumentQuery Entries() => new DocumentQuery { PageSize = DocumentQuery.MaxPageSize }.Where(nameof(WaitlistEntry.Kind), FilterOperator.Equal, EntryKind);

    private Task<IReadOnlyList<Document<T>>> AllAsync<T>(string tenantId, DocumentQuery query, CancellationToken ct) =>
        store.QueryAllAsync<T>(Container, tenantId, query, ct);
}
