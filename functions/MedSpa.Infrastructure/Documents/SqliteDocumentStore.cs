using System.Text;
using System.Text.Json.Nodes;
using MedSpa.Core.Common;
using Microsoft.Data.Sqlite;

namespace MedSpa.Infrastructure.Documents;

/// <summary>
/// The embedded default store: one SQLite file, one row per document, the body as JSON text.
/// ETags are fresh GUIDs written with the body; replace-if-match is a single conditional UPDATE, so it is atomic.
/// Queries are served by expression indexes on the JSON paths declared in infra/cosmos-containers.json
/// (<see cref="QueryIndexes"/>); the paths are written into the SQL as literals (they come from code and are
/// checked, never from a request), because an index on <c>json_extract(body, '$.x')</c> only matches that literal text.
/// WAL lets readers run beside the one writer; connections are pooled (each keeps its page cache and statements).
/// </summary>
public sealed class SqliteDocumentStore : IDocumentStore
{
    /// <summary>From this many documents on, statistics gathered from the data (ANALYZE) replace the declared ones.</summary>
    public const int AnalyzeFromDocuments = 20_000;

    private readonly string _connectionString;
    private readonly bool _checkPlans;
    private readonly ParsedBodies _parsed = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _checkedPlans = new();

    /// <param name="databasePath">The SQLite file; created with its folder if missing.</param>
    /// <param name="checkPlans">
    /// Tests turn this on: the first time each query text runs, its EXPLAIN QUERY PLAN must use a declared index, or the
    /// query fails. Every test that reaches a query thereby checks the plan the app really gets.
    /// </param>
    public SqliteDocumentStore(string databasePath, bool checkPlans = false)
    {
        _checkPlans = checkPlans;
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
        CreateIndexes(connection);
    }

    /// <summary>
    /// One expression index per declared path list, and statistics for the planner. SQLite chooses between the
    /// primary key (container, pk, id) and an index from statistics; without any it keeps the primary key and reads a
    /// whole partition. A small store's own statistics say the same (a partition of 30 is cheap to read) and would
    /// still be there when it has grown, so until it is large the store declares what a clinic's data looks like: big
    /// partitions and selective property values. From <see cref="AnalyzeFromDocuments"/> documents on, ANALYZE measures it.
    /// </summary>
    private static void CreateIndexes(SqliteConnection connection)
    {
        var indexes = QueryIndexes.All;
        var sql = new StringBuilder("BEGIN;");
        foreach (var paths in indexes)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"CREATE INDEX IF NOT EXISTS {QueryIndexes.NameOf(paths)} ON documents(container, pk, {string.Join(", ", paths.Select(Extract))});");
        }

        sql.Append("COMMIT;");
        Execute(connection, sql.ToString());

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM documents";
        if (Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) >= AnalyzeFromDocuments)
        {
            Execute(connection, "PRAGMA analysis_limit=2000; ANALYZE;");
            return;
        }

        // sqlite_stat1 rows: table rows, then rows per distinct value of each leading column set (container, pk, paths...).
        var declared = new StringBuilder("ANALYZE sqlite_schema; DELETE FROM sqlite_stat1 WHERE tbl='documents';");
        declared.Append("INSERT INTO sqlite_stat1 VALUES ('documents', 'documents', '1000000 100000 10000 1');");
        foreach (var paths in indexes)
        {
            var perValue = string.Join(' ', paths.Select((_, i) => i == 0 ? "20" : "2"));
            declared.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"INSERT INTO sqlite_stat1 VALUES ('documents', '{QueryIndexes.NameOf(paths)}', '1000000 100000 10000 {perValue} 1');");
        }

        declared.Append("ANALYZE sqlite_schema;");
        Execute(connection, declared.ToString());
    }

    public string Kind => "sqlite";

    public async Task<Document<T>?> ReadAsync<T>(string container, string partitionKey, string id, CancellationToken ct = default)
    {
        await using var connection = Open();
        await using var command = Command(connection, "SELECT etag, body FROM documents WHERE container=$c AND pk=$pk AND id=$id",
            ("$c", container), ("$pk", partitionKey), ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new Document<T>(id, partitionKey, _parsed.Get<T>(container, partitionKey, id, reader.GetString(0), () => reader.GetString(1)), reader.GetString(0))
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

        return new Document<T>(id, partitionKey, _parsed.Keep(container, partitionKey, id, etag, DocumentJson.FromStored<T>(json)), etag);
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

        return new Document<T>(id, partitionKey, _parsed.Keep(container, partitionKey, id, etag, DocumentJson.FromStored<T>(json)), etag);
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
        var index = QueryIndexes.For(container, DocumentJson.WithStoredNames(query));
        var pageSize = Math.Clamp(query.PageSize, 1, DocumentQuery.MaxPageSize);
        await using var connection = Open();
        await using var command = QueryCommand(connection, container, partitionKey, query);
        if (_checkPlans && index is not null && _checkedPlans.TryAdd(command.CommandText, true))
        {
            await CheckPlanAsync(connection, command, ct);
        }

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

            // The body's text is fetched from SQLite only when this version has not been parsed before.
            var (id, etag) = (reader.GetString(0), reader.GetString(1));
            items.Add(new Document<T>(id, partitionKey, _parsed.Get<T>(container, partitionKey, id, etag, () => reader.GetString(2)), etag));
            lastSort = reader.GetValue(3) switch
            {
                long number => JsonValue.Create(number),
                double number => JsonValue.Create(number),
                string text => JsonValue.Create(text),
                _ => null,
            };
        }

        return new DocumentPage<T>(items, hasMore ? DocumentJson.EncodeContinuation(lastSort, items[^1].Id) : null);
    }

    /// <summary>The statement a query runs as (its plan is what the plan checks and tests read).</summary>
    public static SqliteCommand QueryCommand(SqliteConnection connection, string container, string partitionKey, DocumentQuery query)
    {
        query = DocumentJson.WithStoredNames(query);
        var pageSize = Math.Clamp(query.PageSize, 1, DocumentQuery.MaxPageSize);
        var sortValue = query.OrderBy == "id" ? "id" : Extract(query.OrderBy);
        var sql = new StringBuilder($"SELECT id, etag, body, {sortValue} AS sortValue FROM documents WHERE container=$c AND pk=$pk");
        var parameters = new List<(string, object?)> { ("$c", container), ("$pk", partitionKey) };

        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            var path = Extract(filter.Path);
            var value = $"$f{i}";
            parameters.Add((value, SqlValue(filter.Value)));
            sql.Append(filter.Operator switch
            {
                FilterOperator.Equal => filter.Value is null ? $" AND {path} IS NULL" : $" AND {path} = {value}",
                FilterOperator.NotEqual => filter.Value is null ? $" AND {path} IS NOT NULL" : $" AND {path} IS NOT {value}",
                FilterOperator.LessThan => $" AND {path} < {value}",
                FilterOperator.LessThanOrEqual => $" AND {path} <= {value}",
                FilterOperator.GreaterThan => $" AND {path} > {value}",
                FilterOperator.GreaterThanOrEqual => $" AND {path} >= {value}",
                FilterOperator.Contains => $" AND instr({path}, {value}) > 0",
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
                    ? $" AND ({sortValue} IS NULL AND id < $afterId)"
                    : $" AND ({sortValue} IS NOT NULL OR id > $afterId)")
                : (query.Descending
                    ? $" AND ({sortValue} < $afterValue OR {sortValue} IS NULL OR ({sortValue} = $afterValue AND id < $afterId))"
                    : $" AND ({sortValue} > $afterValue OR ({sortValue} = $afterValue AND id > $afterId))"));
        }

        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" ORDER BY sortValue {direction}, id {direction} LIMIT {pageSize + 1}");
        return Command(connection, sql.ToString(), [.. parameters]);
    }

    private static async Task CheckPlanAsync(SqliteConnection connection, SqliteCommand query, CancellationToken ct)
    {
        var plan = await ExplainAsync(connection, query, ct);
        if (!plan.Any(step => step.Contains("USING INDEX ix_", StringComparison.Ordinal) || step.Contains("USING COVERING INDEX ix_", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"The query reads a whole partition (plan: {string.Join("; ", plan)}): {query.CommandText}");
        }
    }

    /// <summary>The steps of a query's plan (EXPLAIN QUERY PLAN's detail column), with the query's own parameters.</summary>
    public static async Task<IReadOnlyList<string>> ExplainAsync(SqliteConnection connection, SqliteCommand query, CancellationToken ct = default)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + query.CommandText;
        foreach (SqliteParameter parameter in query.Parameters)
        {
            explain.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
        }

        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    /// <summary>The SQL for a property's value: its path as a literal, checked to be a plain dotted name.</summary>
    private static string Extract(string path) =>
        path.Length > 0 && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_')
            ? $"json_extract(body, '$.{path}')"
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

    /// <summary>Physical connections already set up; the pool hands the same ones out again.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (connection.Handle is { } handle && !Configured.TryGetValue(handle, out _))
        {
            // Per connection, once: SQLite's own busy handler waits for the writer in steps of a few milliseconds
            // (Microsoft.Data.Sqlite otherwise retries a busy statement only every 150 ms, which is most of a booking
            // race's tail), and WAL commits without an fsync each (synchronous is per connection; NORMAL is durable in WAL
            // up to a power cut's last commits, the usual choice).
            Execute(connection, "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;");
            Configured.AddOrUpdate(handle, handle);
        }

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
