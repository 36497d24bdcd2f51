using System.Diagnostics;
using MedSpa.Core.Common;

namespace MedSpa.Benchmarks;

/// <summary>
/// The app's document store, counted: round-trips and the time spent in them, so the HTTP benchmark can say per kind
/// of request how many times it went to the store and how much of its time the store took. Pages of a query count once each.
/// </summary>
public sealed class CountingDocumentStore(IDocumentStore inner) : IDocumentStore
{
    private long _calls;
    private long _ticks;

    public string Kind => inner.Kind;

    public (long Calls, TimeSpan Time) Snapshot() => (Interlocked.Read(ref _calls), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks)));

    public Task<Document<T>?> ReadAsync<T>(string container, string partitionKey, string id, CancellationToken ct = default) =>
        Count(() => inner.ReadAsync<T>(container, partitionKey, id, ct));

    public Task<Document<T>> CreateAsync<T>(string container, string partitionKey, string id, T body, CancellationToken ct = default) =>
        Count(() => inner.CreateAsync(container, partitionKey, id, body, ct));

    public Task<Document<T>> ReplaceAsync<T>(string container, string partitionKey, string id, T body, string ifMatch, CancellationToken ct = default) =>
        Count(() => inner.ReplaceAsync(container, partitionKey, id, body, ifMatch, ct));

    public Task<bool> DeleteAsync(string container, string partitionKey, string id, string? ifMatch = null, CancellationToken ct = default) =>
        Count(() => inner.DeleteAsync(container, partitionKey, id, ifMatch, ct));

    public Task<DocumentPage<T>> QueryAsync<T>(string container, string partitionKey, DocumentQuery query, CancellationToken ct = default) =>
        Count(() => inner.QueryAsync<T>(container, partitionKey, query, ct));

    private async Task<TResult> Count<TResult>(Func<Task<TResult>> call)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
        }
    }
}
