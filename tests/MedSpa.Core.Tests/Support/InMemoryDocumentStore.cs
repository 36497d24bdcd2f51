using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MedSpa.Core.Tests.Support;

/// <summary>
/// The document-store port in memory, for use cases tested without IO. Bodies are kept as JSON in the stored shape
/// (camelCase, enums as camelCase strings, nulls left out, as the real adapters' DocumentJson), so a document may be
/// read as another type than it was written with, as old-shape readers do. Queries: equality and comparison filters on
/// (dotted) paths, ordered by id, one page.
/// </summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private static readonly JsonSerializerOptions Json = CreateOptions();

    private readonly ConcurrentDictionary<(string Container, string PartitionKey, string Id), (string ETag, string Body)> _documents = new();
    private int _writes;

    public string Kind => "memory";

    /// <summary>How many creates and replaces succeeded: a run that changes nothing leaves it as it was.</summary>
    public int Writes => _writes;

    public Task<Document<T>?> ReadAsync<T>(string container, string partitionKey, string id, CancellationToken ct = default) =>
        Task.FromResult(_documents.TryGetValue((container, partitionKey, id), out var stored)
            ? new Document<T>(id, partitionKey, JsonSerializer.Deserialize<T>(stored.Body, Json)!, stored.ETag)
            : null);

    public Task<Document<T>> CreateAsync<T>(string container, string partitionKey, string id, T body, CancellationToken ct = default)
    {
        var json = Serialize(body, id, partitionKey);
        var etag = NewETag();
        if (!_documents.TryAdd((container, partitionKey, id), (etag, json)))
        {
            throw new DocumentConflictException(id);
        }

        Interlocked.Increment(ref _writes);
        return Task.FromResult(new Document<T>(id, partitionKey, JsonSerializer.Deserialize<T>(json, Json)!, etag));
    }

    public Task<Document<T>> ReplaceAsync<T>(string container, string partitionKey, string id, T body, string ifMatch, CancellationToken ct = default)
    {
        var key = (container, partitionKey, id);
        if (!_documents.TryGetValue(key, out var stored))
        {
            throw new DocumentNotFoundException(id);
        }

        var json = Serialize(body, id, partitionKey);
        var etag = NewETag();
        if (stored.ETag != ifMatch || !_documents.TryUpdate(key, (etag, json), stored))
        {
            throw new DocumentStaleException(id);
        }

        Interlocked.Increment(ref _writes);
        return Task.FromResult(new Document<T>(id, partitionKey, JsonSerializer.Deserialize<T>(json, Json)!, etag));
    }

    public Task<bool> DeleteAsync(string container, string partitionKey, string id, string? ifMatch = null, CancellationToken ct = default)
    {
        var key = (container, partitionKey, id);
        if (!_documents.TryGetValue(key, out var stored))
        {
            return Task.FromResult(false);
        }

        if (ifMatch is not null && stored.ETag != ifMatch)
        {
            throw new DocumentStaleException(id);
        }

        return Task.FromResult(_documents.TryRemove(KeyValuePair.Create(key, stored)));
    }

    public Task<DocumentPage<T>> QueryAsync<T>(string container, string partitionKey, DocumentQuery query, CancellationToken ct = default)
    {
        // As the real adapters do: property names to stored (camelCase) names, segment by segment.
        query = query with
        {
            OrderBy = Stored(query.OrderBy),
            Filters = [.. query.Filters.Select(f => f with { Path = Stored(f.Path) })],
        };
        var matching = _documents
            .Where(d => d.Key.Container == container && d.Key.PartitionKey == partitionKey)
            .Select(d => (d.Key.Id, d.Value.ETag, Node: JsonNode.Parse(d.Value.Body)!.AsObject(), d.Value.Body))
            .Where(d => query.Filters.All(f => Matches(d.Node, f)))
            .ToList();

        // Ordered and paged as the adapters do (sort value, then id; null first); the token here is just the offset.
        var sorted = matching.OrderBy(d => SortKey(d.Node, d.Id, query.OrderBy), SortComparer).ToList();
        if (query.Descending)
        {
            sorted.Reverse();
        }

        var skip = 0;
        if (query.ContinuationToken is { } token && !int.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out skip))
        {
            throw new InvalidContinuationTokenException();
        }

        var size = Math.Clamp(query.PageSize, 1, DocumentQuery.MaxPageSize);
        var items = sorted.Skip(skip).Take(size)
            .Select(d => new Document<T>(d.Id, partitionKey, JsonSerializer.Deserialize<T>(d.Body, Json)!, d.ETag))
            .ToList();
        var next = skip + size < sorted.Count ? (skip + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new DocumentPage<T>(items, next));
    }

    private static readonly Comparer<(object? Value, string Id)> SortComparer = Comparer<(object? Value, string Id)>.Create((a, b) =>
    {
        var byValue = (a.Value, b.Value) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string x, string y) => string.CompareOrdinal(x, y),
            (IComparable x, var y) when x.GetType() == y.GetType() => x.CompareTo(y),
            var (x, y) => string.CompareOrdinal(x.ToString(), y.ToString()),
        };
        return byValue != 0 ? byValue : string.CompareOrdinal(a.Id, b.Id);
    });

    private static (object? Value, string Id) SortKey(JsonObject document, string id, string path) =>
        path == "id" ? (id, id) : (Plain(Navigate(document, path)), id);

    /// <summary>The stored JSON of one document, as the adapters would keep it.</summary>
    public JsonObject? Raw(string container, string partitionKey, string id) =>
        _documents.TryGetValue((container, partitionKey, id), out var stored) ? JsonNode.Parse(stored.Body)!.AsObject() : null;

    private static string Serialize<T>(T body, string id, string partitionKey)
    {
        var node = JsonSerializer.SerializeToNode(body, Json)!.AsObject();
        node["id"] = id;
        node["pk"] = partitionKey;
        return node.ToJsonString();
    }

    private static JsonNode? Navigate(JsonObject document, string path)
    {
        JsonNode? node = document;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
        }

        return node;
    }

    private static object? Plain(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.GetValue<decimal>(),
        JsonValueKind.True or JsonValueKind.False => node.GetValue<bool>(),
        _ => null,
    };

    private static bool Matches(JsonObject document, Filter filter)
    {
        var actual = Plain(Navigate(document, filter.Path));
        var expected = filter.Value switch
        {
            int or long or double or decimal => Convert.ToDecimal(filter.Value, System.Globalization.CultureInfo.InvariantCulture),
            var other => other,
        };
        var order = actual is IComparable comparable && expected is not null && actual.GetType() == expected.GetType() ? comparable.CompareTo(expected) : (int?)null;
        return filter.Operator switch
        {
            FilterOperator.Equal => Equals(actual, expected),
            FilterOperator.NotEqual => !Equals(actual, expected),
            FilterOperator.LessThan => order < 0,
            FilterOperator.LessThanOrEqual => order <= 0,
            FilterOperator.GreaterThan => order > 0,
            FilterOperator.GreaterThanOrEqual => order >= 0,
            FilterOperator.Contains => actual is string s && expected is string sub && s.Contains(sub, StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Operator, "Unknown filter operator."),
        };
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    private static string Stored(string path) => string.Join('.', path.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
