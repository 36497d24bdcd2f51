namespace MedSpa.Core.Common;

/// <summary>
/// The document-store port, with Cosmos DB semantics: container, partition key, id, ETag.
/// Adapters: SQLite (embedded default) and Cosmos (production); both pass one contract test suite.
/// Partition keys always start with the tenant id (see <see cref="Partitions"/>), so nothing crosses clinics.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Which adapter this is ("sqlite", "cosmos"), for the health report.</summary>
    string Kind { get; }

    /// <summary>Point read; null when absent.</summary>
    Task<Document<T>?> ReadAsync<T>(string container, string partitionKey, string id, CancellationToken ct = default);

    /// <summary>Creates; throws <see cref="DocumentConflictException"/> when the id exists in the partition.</summary>
    Task<Document<T>> CreateAsync<T>(string container, string partitionKey, string id, T body, CancellationToken ct = default);

    /// <summary>Replaces only if the stored ETag is <paramref name="ifMatch"/>; else <see cref="DocumentStaleException"/>.</summary>
    Task<Document<T>> ReplaceAsync<T>(string container, string partitionKey, string id, T body, string ifMatch, CancellationToken ct = default);

    /// <summary>Deletes (optionally if-match); false when it was not there.</summary>
    Task<bool> DeleteAsync(string container, string partitionKey, string id, string? ifMatch = null, CancellationToken ct = default);

    /// <summary>A parameterized query inside one partition, ordered and paged by keyset.</summary>
    Task<DocumentPage<T>> QueryAsync<T>(string container, string partitionKey, DocumentQuery query, CancellationToken ct = default);
}

public sealed record Document<T>(string Id, string PartitionKey, T Body, string ETag);

public sealed record DocumentPage<T>(IReadOnlyList<Document<T>> Items, string? ContinuationToken);

public enum FilterOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,

    /// <summary>String contains (case-sensitive: store a lower-cased search field for case-insensitive search).</summary>
    Contains,
}

/// <summary>
/// One condition on a property of the stored model, named as C# names it (<c>nameof(Appointment.PatientId)</c>; dotted
/// for nested ones). The store maps it to the stored JSON name, so renaming a property renames its queries with it and
/// JSON names stay inside the adapters.
/// </summary>
public sealed record Filter(string Path, FilterOperator Operator, object? Value);

/// <summary>
/// Filters are ANDed. Ordering is by <see cref="OrderBy"/> then id, so keyset paging is stable.
/// The continuation token is opaque to callers and valid only for the same query.
/// </summary>
public sealed record DocumentQuery
{
    public const int MaxPageSize = 500;

    public IReadOnlyList<Filter> Filters { get; init; } = [];

    /// <summary>The property to order by, named like a filter's path.</summary>
    public string OrderBy { get; init; } = "id";

    public bool Descending { get; init; }

    public int PageSize { get; init; } = 50;

    public string? ContinuationToken { get; init; }

    public DocumentQuery Where(string path, FilterOperator op, object? value) => this with { Filters = [.. Filters, new Filter(path, op, value)] };
}

public class DocumentStoreException(string message) : Exception(message);

public sealed class DocumentConflictException(string id) : DocumentStoreException($"A document with id '{id}' already exists.");

public sealed class DocumentStaleException(string id) : DocumentStoreException($"Document '{id}' was changed by someone else (ETag mismatch).");

public sealed class InvalidContinuationTokenException() : DocumentStoreException("The continuation token is not valid for this query.");

public sealed class DocumentNotFoundException(string id) : DocumentStoreException($"Document '{id}' does not exist.");

/// <summary>Containers and partition keys: the one place that decides where documents live. See docs in README ("Data").</summary>
public static class Partitions
{
    /// <summary>Sign-in links (email → clinic and role). Partition: the normalized email. Read once per request.</summary>
    public const string Directory = "directory";

    /// <summary>Clinic setup (locations, staff, services, rooms, equipment). Partition: the tenant; small and read together.</summary>
    public const string Clinic = "clinic";

    /// <summary>Patients. Partition: the tenant, so lookups by email and lists stay single-partition.</summary>
    public const string Patients = "patients";

    /// <summary>Audit trail. Partition: the tenant, newest first by time.</summary>
    public const string Audit = "audit";

    /// <summary>Appointments. Partition: the tenant; a location's calendar and a patient's bookings are single-partition.</summary>
    public const string Appointments = "appointments";

    /// <summary>The resource ledgers that make double booking impossible. Partition: tenant + resource + UTC day.</summary>
    public const string Schedule = "schedule";

    /// <summary>Waitlist entries and the offers made from them. Partition: the tenant.</summary>
    public const string Waitlist = "waitlist";

    /// <summary>Notices to patients (the outbox). Partition: the tenant.</summary>
    public const string Notifications = "notifications";

    /// <summary>Deposit payments. Partition: the tenant.</summary>
    public const string Payments = "payments";

    /// <summary>Intake forms and consents: forms, published versions, submissions, requests. Partition: the tenant.</summary>
    public const string Forms = "forms";

    /// <summary>Patient merges, each whole so that it can be undone. Partition: the tenant; read by id only.</summary>
    public const string Merges = "merges";

    /// <summary>Charts (treatment notes with their maps). Partition: the tenant; a patient's charts are one query.</summary>
    public const string Charts = "charts";

    /// <summary>Clinical photos' records (the images are in the file store). Partition: the tenant; a patient's photos are one query.</summary>
    public const string Photos = "photos";

    public static string Tenant(string tenantId) => tenantId;
}

public static class DocumentStoreExtensions
{
    /// <summary>
    /// Creates a document whose id names the event it records, once: a retried step finds it there and keeps the
    /// first. True when this call created it.
    /// </summary>
    public static async Task<bool> CreateOnceAsync<T>(this IDocumentStore store, string container, string partitionKey, string id, T body, CancellationToken ct = default)
    {
        try
        {
            await store.CreateAsync(container, partitionKey, id, body, ct);
            return true;
        }
        catch (DocumentConflictException)
        {
            return false;
        }
    }

    /// <summary>
    /// Changes a document as it is now: read, changed, written under its version; when someone else wrote it first, read
    /// and decided again. Null when there is no such document; unchanged when <paramref name="change"/> returns it as it was.
    /// </summary>
    public static async Task<Document<T>?> ChangeAsync<T>(this IDocumentStore store, string container, string partitionKey, string id, Func<T, T> change, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await store.ReadAsync<T>(container, partitionKey, id, ct) is not { } current)
            {
                return null;
            }

            var next = change(current.Body);
            if (EqualityComparer<T>.Default.Equals(next, current.Body))
            {
                return current;
            }

            try
            {
                return await store.ReplaceAsync(container, partitionKey, id, next, current.ETag, ct);
            }
            catch (DocumentStaleException) when (attempt < 20)
            {
            }
        }
    }

    /// <summary>
    /// Appends to an append-only log kept as numbered documents (an invoice's ledger, a gift card's or a patient's credit
    /// movements). <paramref name="decide"/> sees the log as it is now and answers the entry to add (numbered next), one
    /// already there (the same key: nothing to add), or an error. The number is taken by creating the entry's document,
    /// so two appends at once never both count on the same balance: the one that finds its number taken decides again.
    /// </summary>
    public static async Task<Result<T>> AppendToLogAsync<T>(
        this IDocumentStore store,
        string container,
        string partitionKey,
        Func<Task<IReadOnlyList<T>>> read,
        Func<T, string> idOf,
        Func<IReadOnlyList<T>, Result<T>> decide,
        string busy,
        CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var log = await read();
            var decided = decide(log);
            if (!decided.IsSuccess || log.Any(e => idOf(e) == idOf(decided.Value)))
            {
                return decided;
            }

            try
            {
                return (await store.CreateAsync(container, partitionKey, idOf(decided.Value), decided.Value, ct)).Body;
            }
            catch (DocumentConflictException)
            {
                // Another entry took this number: decide again with it in view.
            }
        }

        return new Error.Conflict(busy);
    }

    /// <summary>Every document a query matches in one partition, following continuation tokens (for small, bounded sets).</summary>
    public static async Task<IReadOnlyList<Document<T>>> QueryAllAsync<T>(this IDocumentStore store, string container, string partitionKey, DocumentQuery query, CancellationToken ct = default)
    {
        var items = new List<Document<T>>();
        string? token = null;
        do
        {
            var page = await store.QueryAsync<T>(container, partitionKey, query with { PageSize = DocumentQuery.MaxPageSize, ContinuationToken = token }, ct);
            items.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return items;
    }
}
