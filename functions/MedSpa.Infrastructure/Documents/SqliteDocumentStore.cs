using System.Text;
using System.Text.Json.Nodes;
using MedSpa.Core.Common;
using Microsoft.Data.Sqlite;

namespace MedSpa.Infrastructure.Documents;

/// <summary>
/// The embedded default store: one SQLite file, one row per document, the body as JSON text.
/// ETags are fresh GUIDs written with the body; replace-if-match is a single conditional UPDATE, so it is atomic.
/// </summary>
public sealed class SqliteDocumentStore : IDocumentStore
{
    private readonly string _connectionString;

    public SqliteDocumentStore(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS documents (
                container TEXT NOT NULL,
                pk TEXT NOT NULL,
                id TEXT NOT NULL,
                etag TEXT NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (container, pk, id)
            ) WITHOUT ROWID;
            """);
    }

    public string Kind => "sqlite";

    public async Task<Document<T>?> ReadAsync<T>(string container, string partitionKey, string id, CancellationToken ct = default)
    {
        await using var connection = Open();
        await using var command = Command(connection, "SELECT etag, body FROM documents WHERE container=$c AND pk=$pk AND id=$id",
            ("$c", container), ("$pk", partitionKey), ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new Document<T>(id, partitionKey, DocumentJson.FromStored<T>(reader.GetString(1)), reader.GetString(0))
            : null;
    }

    public async Task<Document<T>> CreateAsync<T>(string container, string partitionKey, string id, T body, CancellationToken ct = default)
    {
        var json = DocumentJson.ToStored(body, id, partitionKey).ToJsonString();
        var etag = NewETag();
        await using var connection = Open();
        await using var command = Command(connection,
            "INSERT INTO documents (container, pk, id, etag, body) VALUES ($c, $pk, $id, $etag, $body) ON CONFLICT DO NOTHING",
            ("$c", container), ("$pk", partitionKey), ("$id", id), ("$etag", etag), ("$body", json));
        if (await ExecuteWithRetryAsync(command, ct) == 0)
        {
            throw new DocumentConflictException(id);
        }

        return new Document<T>(id, partitionKey, DocumentJson.FromStored<T>(json), etag);
    }

    public async Task<Document<T>> ReplaceAsync<T>(string container, string partitionKey, string id, T body, string ifMatch, CancellationToken ct = default)
    {
        var json = DocumentJson.ToStored(body, id, partitionKey).ToJsonString();
        var etag = NewETag();
        await using var connection = Open();
        await using var command = Command(connection,
            "UPDATE documents SET etag=$etag, body=$body WHERE container=$c AND pk=$pk AND id=$id AND etag=$ifMatch",
            ("$c", container), ("$pk", partitionKey), ("$id", id), ("$etag", etag), ("$body", json), ("$ifMatch", ifMatch));
        if (await ExecuteWithRetryAsync(command, ct) == 0)
        {
            throw await ExistsAsync(connection, container, partitionKey, id, ct)
                ? new DocumentStaleException(id)
                : new DocumentNotFoundException(id);
        }

        return new Document<T>(id, partitionKey, DocumentJson.FromStored<T>(json), etag);
    }

    public async Task<bool> DeleteAsync(string container, string partitionKey, string id, string? ifMatch = null, CancellationToken ct = default)
    {
        await using var connection = Open();
        await using var command = Command(connection,
            "DELETE FROM documents WHERE container=$c AND pk=$pk AND id=$id AND ($ifMatch IS NULL OR etag=$ifMatch)",
            ("$c", container), ("$pk", partitionKey), ("$id", id), ("$ifMatch", ifMatch));
        if (await ExecuteWithRetryAsync(command, ct) > 0)
        {
            return true;
        }

        if (ifMatch is not null && await ExistsAsync(connection, container, partitionKey, id, ct))
        {
            throw new DocumentStaleException(id);
        }

        return false;
    }

    public async Task<DocumentPage<T>> QueryAsync<T>(string container, string partitionKey, DocumentQuery query, CancellationToken ct = default)
    {
        query = DocumentJson.WithStoredNames(query);
        var pageSize = Math.Clamp(query.PageSize, 1, DocumentQuery.MaxPageSize);
        var sql = new StringBuilder("SELECT id, etag, body, json_extract(body, $sortPath) AS sortValue FROM documents WHERE container=$c AND pk=$pk");
        var parameters = new List<(string, object?)> { ("$c", container), ("$pk", partitionKey), ("$sortPath", JsonPath(query.OrderBy)) };

        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            var path = $"$f{i}path";
            var value = $"$f{i}";
            parameters.Add((path, JsonPath(filter.Path)));
            parameters.Add((value, SqlValue(filter.Value)));
            sql.Append(filter.Operator switch
            {
                FilterOperator.Equal => filter.Value is null ? $" AND json_extract(body, {path}) IS NULL" : $" AND json_extract(body, {path}) = {value}",
                FilterOperator.NotEqual => filter.Value is null ? $" AND json_extract(body, {path}) IS NOT NULL" : $" AND json_extract(body, {path}) IS NOT {value}",
                FilterOperator.LessThan => $" AND json_extract(body, {path}) < {value}",
                FilterOperator.LessThanOrEqual => $" AND json_extract(body, {path}) <= {value}",
                FilterOperator.GreaterThan => $" AND json_extract(body, {path}) > {value}",
                FilterOperator.GreaterThanOrEqual => $" AND json_extract(body, {path}) >= {value}",
                FilterOperator.Contains => $" AND instr(json_extract(body, {path}), {value}) > 0",
                _ => throw new ArgumentOutOfRangeException(nameof(query), filter.Operator, "Unknown filter operator."),
            });
        }

        var direction = query.Descending ? "DESC" : "ASC";
        if (DocumentJson.DecodeContinuation(query.ContinuationToken) is { } after)
        {
            // Rows strictly after the last one returned, in (sortValue, id) order; NULL sorts first as in SQLite.
            parameters.Add(("$afterValue", SqlValue(DocumentJson.ToPlainValue(after.SortValue))));
            parameters.Add(("$afterId", after.Id));
            sql.Append(after.SortValue is null
                ? (query.Descending
                    ? " AND (json_extract(body, $sortPath) IS NULL AND id < $afterId)"
                    : " AND (json_extract(body, $sortPath) IS NOT NULL OR id > $afterId)")
                : (query.Descending
                    ? $" AND (json_extract(body, $sortPath) < $afterValue OR json_extract(body, $sortPath) IS NULL OR (json_extract(body, $sortPath) = $afterValue AND id < $afterId))"
                    : $" AND (json_extract(body, $sortPath) > $afterValue OR (json_extract(body, $sortPath) = $afterValue AND id > $afterId))"));
        }

        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" ORDER BY sortValue {direction}, id {direction} LIMIT {pageSize + 1}");

        await using var connection = Open();
        await using var command = Command(connection, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var items = new List<Document<T>>(pageSize);
        var hasMore = false;
        JsonNode? lastSort = null;
        while (await reader.ReadAsync(ct))
        {
            if (items.Count == pageSize)
            {
                hasMore = true;
                break;
            }

            var body = reader.GetString(2);
            items.Add(new Document<T>(reader.GetString(0), partitionKey, DocumentJson.FromStored<T>(body), reader.GetString(1)));
            lastSort = JsonNode.Parse(body)!.AsObject() is var obj ? Navigate(obj, query.OrderBy) : null;
        }

        return new DocumentPage<T>(items, hasMore ? DocumentJson.EncodeContinuation(lastSort, items[^1].Id) : null);
    }

    private static JsonNode? Navigate(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var next) ? next : null;
        }

        return node;
    }

    private static string JsonPath(string path) =>
        path.All(c => char.IsLetterOrDigit(c) || c is '.' or '_')
            ? "$." + path
            : throw new ArgumentException($"Unsupported property path '{path}'.", nameof(path));

    private static object? SqlValue(object? value) => value switch
    {
        bool b => b ? 1 : 0,
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", System.Globalization.CultureInfo.InvariantCulture),
        Enum e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.ToString()),
        _ => value,
    };

    private static async Task<bool> ExistsAsync(SqliteConnection connection, string container, string pk, string id, CancellationToken ct)
    {
        await using var command = Command(connection, "SELECT 1 FROM documents WHERE container=$c AND pk=$pk AND id=$id", ("$c", container), ("$pk", pk), ("$id", id));
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    // SQLITE_BUSY can surface despite busy_timeout under shared-cache contention; the statements are idempotent to retry.
    private static async Task<int> ExecuteWithRetryAsync(SqliteCommand command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command.ExecuteNonQueryAsync(ct);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 50)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
