using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedSpa.Core.Common;
using Microsoft.Azure.Cosmos;

namespace MedSpa.Infrastructure.Documents;

public sealed record CosmosDocumentStoreOptions
{
    public string DatabaseName { get; init; } = "medspa";

    /// <summary>
    /// Properties queries order by (dotted, camelCase). Every container is created with the composite indexes
    /// (path, id) ascending and descending for each, which Cosmos DB needs for "ORDER BY c.path, c.id".
    /// A path not listed here is added to the container's indexing policy the first time a query orders by it; on a
    /// large production container that starts an index transformation, so list the known ones here.
    /// </summary>
    public IReadOnlyList<string> SortPaths { get; init; } = [];

    /// <summary>
    /// Declared containers (in the app: <see cref="CosmosContainers.All"/>, from infra/cosmos-containers.json, which the
    /// Bicep deploys). A declared container that is missing is created with its own sort paths' composite indexes
    /// (besides <see cref="SortPaths"/>), unique keys and default TTL; other containers get <see cref="SortPaths"/> only.
    /// </summary>
    public IReadOnlyList<CosmosContainer> Containers { get; init; } = [];
}

/// <summary>
/// The production store: Azure Cosmos DB (SQL API), one container per port container, partition key path <c>/pk</c>.
/// <list type="bullet">
/// <item>Documents are stored exactly as SQLite stores them (<see cref="DocumentJson.ToStored"/>: System.Text.Json web
/// shape, <c>id</c> and <c>pk</c> stamped). Point operations use the SDK's stream APIs, so no serializer touches a body;
/// the client's serializer is <see cref="CosmosSystemTextJsonSerializer"/> for query parameter values.</item>
/// <item>ETags are Cosmos <c>_etag</c>s; replace and delete send <c>If-Match</c>. 409 → <see cref="DocumentConflictException"/>,
/// 412 → <see cref="DocumentStaleException"/>, 404 → null / <see cref="DocumentNotFoundException"/> / false.</item>
/// <item>Queries are parameterized SQL inside one partition: the partition key goes in the request options AND in the
/// WHERE clause (<c>c.pk = @pk</c>), so a gateway or emulator that ignores the header still cannot leak another clinic's
/// documents. Ordering and keyset paging run on the server: <c>SELECT TOP n+1 … WHERE filters AND (sort, id) after the
/// cursor ORDER BY c.sort, c.id</c>, backed by composite indexes the store adds (see <see cref="CosmosDocumentStoreOptions.SortPaths"/>).
/// Only values are parameters; the TOP count is an int the store computes, and paths are validated identifiers.
/// Queries enable Optimistic Direct Execution: a single-partition query goes straight to its partition, so the SDK needs
/// no query plan from the gateway (which the test emulator cannot produce for ORDER BY) and production runs the same SQL.
/// Composite indexes: "ORDER BY c.x, c.id" needs one per direction. Paths in <see cref="CosmosDocumentStoreOptions.SortPaths"/>
/// get them when the container is created; any other path gets them added (container replace) on its first query, which
/// on a large production container starts an index transformation, so list production sort paths up front.
/// Documents without the sort property follow Cosmos DB's ORDER BY rules for undefined values (SQLite treats them as null).</item>
/// <item>No TransactionalBatch, GROUP BY, OFFSET/LIMIT or change feed: the port does not need them.</item>
/// </list>
/// </summary>
public sealed class CosmosDocumentStore : IDocumentStore, IDisposable
{
    /// <summary>Where the store writes each document's partition key; every declared container must use it.</summary>
    public const string PartitionKeyPath = "/pk";
    private readonly CosmosClient _client;
    private readonly bool _ownsClient;
    private readonly CosmosDocumentStoreOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<Task<ContainerState>>> _containers = new();

    public CosmosDocumentStore(CosmosClient client, CosmosDocumentStoreOptions options)
        : this(client, options, ownsClient: false)
    {
    }

    /// <param name="httpClientFactory">Tests only: a client whose handler accepts the emulator's self-signed certificate.</param>
    public CosmosDocumentStore(string endpoint, string key, CosmosDocumentStoreOptions options, Func<HttpClient>? httpClientFactory = null)
        : this(new CosmosClient(endpoint, key, CreateClientOptions(httpClientFactory)), options, ownsClient: true)
    {
    }

    private CosmosDocumentStore(CosmosClient client, CosmosDocumentStoreOptions options, bool ownsClient)
    {
        _client = client;
        _options = options;
        _ownsClient = ownsClient;
        foreach (var path in options.SortPaths.Concat(options.Containers.SelectMany(c => c.SortPaths)))
        {
            PathExpression(path);
        }

        if (options.Containers.FirstOrDefault(c => c.PartitionKeyPath != PartitionKeyPath) is { } container)
        {
            Dispose();
            throw new ArgumentException($"Container '{container.Name}' is declared with partition key path '{container.PartitionKeyPath}'; the store writes the partition key into '{PartitionKeyPath}'.", nameof(options));
        }
    }

    public string Kind => "cosmos";

    /// <summary>Gateway mode, this endpoint only, System.Text.Json for user data.</summary>
    public static CosmosClientOptions CreateClientOptions(Func<HttpClient>? httpClientFactory = null) => new()
    {
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        Serializer = new CosmosSystemTextJsonSerializer(DocumentJson.Options),
        HttpClientFactory = httpClientFactory,
    };

    public async Task<Document<T>?> ReadAsync<T>(string container, string partitionKey, string id, CancellationToken ct = default)
    {
        var state = await ContainerAsync(container, ct);
        using var response = await state.Container.ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: ct);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ToDocumentAsync<T>(response, partitionKey, ct);
    }

    public async Task<Document<T>> CreateAsync<T>(string container, string partitionKey, string id, T body, CancellationToken ct = default)
    {
        var state = await ContainerAsync(container, ct);
        using var content = ToStream(body, id, partitionKey);
        using var response = await state.Container.CreateItemStreamAsync(content, new PartitionKey(partitionKey), cancellationToken: ct);
        return response.StatusCode == HttpStatusCode.Conflict
            ? throw new DocumentConflictException(id)
            : await ToDocumentAsync<T>(response, partitionKey, ct);
    }

    public async Task<Document<T>> ReplaceAsync<T>(string container, string partitionKey, string id, T body, string ifMatch, CancellationToken ct = default)
    {
        var state = await ContainerAsync(container, ct);
        using var content = ToStream(body, id, partitionKey);
        using var response = await state.Container.ReplaceItemStreamAsync(content, id, new PartitionKey(partitionKey),
            new ItemRequestOptions { IfMatchEtag = ifMatch }, ct);
        return response.StatusCode switch
        {
            HttpStatusCode.PreconditionFailed => throw new DocumentStaleException(id),
            HttpStatusCode.NotFound => throw new DocumentNotFoundException(id),
            _ => await ToDocumentAsync<T>(response, partitionKey, ct),
        };
    }

    public async Task<bool> DeleteAsync(string container, string partitionKey, string id, string? ifMatch = null, CancellationToken ct = default)
    {
        var state = await ContainerAsync(container, ct);
        using var response = await state.Container.DeleteItemStreamAsync(id, new PartitionKey(partitionKey),
            new ItemRequestOptions { IfMatchEtag = ifMatch }, ct);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                return false;
            case HttpStatusCode.PreconditionFailed:
                throw new DocumentStaleException(id);
            default:
                response.EnsureSuccessStatusCode();
                return true;
        }
    }

    public async Task<DocumentPage<T>> QueryAsync<T>(string container, string partitionKey, DocumentQuery query, CancellationToken ct = default)
    {
        query = DocumentJson.WithStoredNames(query);
        QueryIndexes.For(container, query); // the same declared shapes on both stores
        var pageSize = Math.Clamp(query.PageSize, 1, DocumentQuery.MaxPageSize);
        var sort = PathExpression(query.OrderBy);
        var byId = query.OrderBy == "id";
        var after = DocumentJson.DecodeContinuation(query.ContinuationToken);
        var state = await ContainerAsync(container, ct);
        if (!byId)
        {
            await EnsureSortIndexAsync(state, query.OrderBy, ct);
        }

        var sql = new StringBuilder($"SELECT TOP {pageSize + 1} * FROM c WHERE c.pk = @pk");
        var parameters = new List<(string Name, object? Value)> { ("@pk", partitionKey) };
        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            var path = PathExpression(filter.Path);
            var value = $"@f{i}";
            parameters.Add((value, filter.Value));

            // Same semantics as the SQLite adapter: a missing property behaves like null.
            sql.Append(filter.Operator switch
            {
                FilterOperator.Equal => filter.Value is null ? $" AND (NOT IS_DEFINED({path}) OR IS_NULL({path}))" : $" AND {path} = {value}",
                FilterOperator.NotEqual => filter.Value is null ? $" AND (IS_DEFINED({path}) AND NOT IS_NULL({path}))" : $" AND (NOT IS_DEFINED({path}) OR {path} != {value})",
                FilterOperator.LessThan => $" AND {path} < {value}",
                FilterOperator.LessThanOrEqual => $" AND {path} <= {value}",
                FilterOperator.GreaterThan => $" AND {path} > {value}",
                FilterOperator.GreaterThanOrEqual => $" AND {path} >= {value}",
                FilterOperator.Contains => $" AND CONTAINS({path}, {value})",
                _ => throw new ArgumentOutOfRangeException(nameof(query), filter.Operator, "Unknown filter operator."),
            });
        }

        var (gt, lt) = query.Descending ? ("<", ">") : (">", "<");
        if (after is { } cursor)
        {
            // Rows strictly after the last one returned, in (sort value, id) order; null sorts first, as in SQLite.
            parameters.Add(("@afterId", cursor.Id));
            if (byId)
            {
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND c.id {gt} @afterId");
            }
            else if (cursor.SortValue is null)
            {
                sql.Append(query.Descending
                    ? $" AND ((NOT IS_DEFINED({sort}) OR IS_NULL({sort})) AND c.id < @afterId)"
                    : $" AND ((IS_DEFINED({sort}) AND NOT IS_NULL({sort})) OR c.id > @afterId)");
            }
            else
            {
                parameters.Add(("@afterValue", cursor.SortValue));
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND ({sort} {gt} @afterValue OR ({sort} = @afterValue AND c.id {gt} @afterId)");
                sql.Append(query.Descending ? $" OR NOT IS_DEFINED({sort}) OR IS_NULL({sort}))" : ")");
            }
        }

        var direction = query.Descending ? "DESC" : "ASC";
        sql.Append(byId ? $" ORDER BY c.id {direction}" : $" ORDER BY {sort} {direction}, c.id {direction}");

        var definition = new QueryDefinition(sql.ToString());
        foreach (var (name, value) in parameters)
        {
            definition = definition.WithParameter(name, value);
        }

        var requestOptions = new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(partitionKey),
            MaxItemCount = pageSize + 1,
            EnableOptimisticDirectExecution = true,
        };
        var rows = new List<JsonObject>(pageSize + 1);
        using (var iterator = state.Container.GetItemQueryStreamIterator(definition, continuationToken: null, requestOptions))
        {
            while (rows.Count <= pageSize && iterator.HasMoreResults)
            {
                using var response = await iterator.ReadNextAsync(ct);
                response.EnsureSuccessStatusCode();
                var page = (await JsonNode.ParseAsync(response.Content, cancellationToken: ct))!.AsObject();
                rows.AddRange(page["Documents"]!.AsArray().Select(d => d!.AsObject()));
            }
        }

        var items = rows.Take(pageSize).Select(row => ToDocument<T>(row, partitionKey)).ToList();
        var token = rows.Count > pageSize ? DocumentJson.EncodeContinuation(Navigate(rows[pageSize - 1], query.OrderBy), items[^1].Id) : null;
        return new DocumentPage<T>(items, token);
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private async Task<ContainerState> ContainerAsync(string name, CancellationToken ct)
    {
        var lazy = _containers.GetOrAdd(name, n => new Lazy<Task<ContainerState>>(() => CreateContainerAsync(n)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _containers.TryRemove(KeyValuePair.Create(name, lazy));
            throw;
        }
    }

    private async Task<ContainerState> CreateContainerAsync(string name)
    {
        var declared = _options.Containers.FirstOrDefault(c => c.Name == name);
        var sortPaths = _options.SortPaths.Concat(declared?.SortPaths ?? []).Distinct().ToList();
        var database = (await _client.CreateDatabaseIfNotExistsAsync(_options.DatabaseName)).Database;
        var properties = new ContainerProperties(name, PartitionKeyPath)
        {
            IndexingPolicy = new IndexingPolicy { Automatic = true, IndexingMode = IndexingMode.Consistent },
            DefaultTimeToLive = declared?.DefaultTtl,
        };
        properties.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = "/*" });
        foreach (var path in sortPaths.Where(p => p != "id"))
        {
            AddSortIndexes(properties.IndexingPolicy, path);
        }

        foreach (var uniqueKey in declared?.UniqueKeys ?? [])
        {
            var key = new UniqueKey();
            foreach (var path in uniqueKey.Paths)
            {
                key.Paths.Add(path);
            }

            properties.UniqueKeyPolicy.UniqueKeys.Add(key);
        }

        var response = await database.CreateContainerIfNotExistsAsync(properties);
        var state = new ContainerState(response.Container);
        foreach (var path in sortPaths.Where(p => HasSortIndexes(response.Resource.IndexingPolicy, p)))
        {
            state.SortPaths.TryAdd(path, true);
        }

        return state;
    }

    /// <summary>Makes sure "ORDER BY path, id" (either direction) has the composite index Cosmos DB requires for it.</summary>
    private static async Task EnsureSortIndexAsync(ContainerState state, string path, CancellationToken ct)
    {
        if (state.SortPaths.ContainsKey(path))
        {
            return;
        }

        await state.Gate.WaitAsync(ct);
        try
        {
            while (!state.SortPaths.ContainsKey(path))
            {
                var current = await state.Container.ReadContainerAsync(cancellationToken: ct);
                var properties = current.Resource;
                if (!HasSortIndexes(properties.IndexingPolicy, path))
                {
                    AddSortIndexes(properties.IndexingPolicy, path);
                    try
                    {
                        await state.Container.ReplaceContainerAsync(properties, new ContainerRequestOptions { IfMatchEtag = current.ETag }, ct);
                    }
                    catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
                    {
                        continue; // Someone else changed the container: read it again.
                    }
                }

                state.SortPaths.TryAdd(path, true);
            }
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private static bool HasSortIndexes(IndexingPolicy policy, string path) =>
        path == "id" || (HasComposite(policy, path, CompositePathSortOrder.Ascending) && HasComposite(policy, path, CompositePathSortOrder.Descending));

    private static bool HasComposite(IndexingPolicy policy, string path, CompositePathSortOrder order) =>
        policy.CompositeIndexes.Any(c => c.Count == 2
            && c[0].Path == IndexPath(path) && c[0].Order == order
            && c[1].Path == "/id" && c[1].Order == order);

    private static void AddSortIndexes(IndexingPolicy policy, string path)
    {
        foreach (var order in new[] { CompositePathSortOrder.Ascending, CompositePathSortOrder.Descending })
        {
            if (!HasComposite(policy, path, order))
            {
                policy.CompositeIndexes.Add(
                [
                    new CompositePath { Path = IndexPath(path), Order = order },
                    new CompositePath { Path = "/id", Order = order },
                ]);
            }
        }
    }

    private static string IndexPath(string path) => "/" + path.Replace('.', '/');

    /// <summary>A validated dotted path as a Cosmos SQL property expression: "detail.city" → c["detail"]["city"].</summary>
    private static string PathExpression(string path) =>
        path.Length > 0 && path.Split('.').All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            ? "c" + string.Concat(path.Split('.').Select(p => $"[\"{p}\"]"))
            : throw new ArgumentException($"Unsupported property path '{path}'.", nameof(path));

    private static JsonNode? Navigate(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var next) ? next : null;
        }

        return node;
    }

    private static MemoryStream ToStream<T>(T body, string id, string partitionKey) =>
        new(JsonSerializer.SerializeToUtf8Bytes(DocumentJson.ToStored(body, id, partitionKey), DocumentJson.Options));

    private static async Task<Document<T>> ToDocumentAsync<T>(ResponseMessage response, string partitionKey, CancellationToken ct)
    {
        response.EnsureSuccessStatusCode();
        var stored = (await JsonNode.ParseAsync(response.Content, cancellationToken: ct))!.AsObject();
        return ToDocument<T>(stored, partitionKey, response.Headers.ETag);
    }

    private static Document<T> ToDocument<T>(JsonObject stored, string partitionKey, string? etag = null) =>
        new(stored["id"]!.GetValue<string>(), partitionKey, stored.Deserialize<T>(DocumentJson.Options)!,
            etag ?? stored["_etag"]?.GetValue<string>() ?? throw new DocumentStoreException("Cosmos DB returned a document without an _etag."));

    private sealed class ContainerState(Container container)
    {
        public Container Container { get; } = container;

        public ConcurrentDictionary<string, bool> SortPaths { get; } = new();

        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
