using MedSpa.Core.Common;
using MedSpa.Infrastructure.Documents;
using Microsoft.Data.Sqlite;

namespace MedSpa.Infrastructure.Tests.Documents;

/// <summary>
/// Every query shape declared in infra/cosmos-containers.json is served by its expression index on SQLite (EXPLAIN
/// QUERY PLAN names it), on a fresh store and on one large enough to be ANALYZEd; an undeclared shape is refused.
/// (The API tests run the store with plan checks on, so every query the app really issues is checked too.)
/// </summary>
public sealed class SqliteQueryPlanTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"medspa-plans-{Guid.NewGuid():N}.db");

    public static TheoryData<string, string> DeclaredIndexes()
    {
        var data = new TheoryData<string, string>();
        foreach (var container in CosmosContainers.All)
        {
            foreach (var index in container.QueryIndexes)
            {
                data.Add(container.Name, string.Join(',', index));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeclaredIndexes))]
    public async Task A_declared_query_shape_uses_its_index(string container, string paths)
    {
        var store = new SqliteDocumentStore(_path, checkPlans: true);
        var query = ShapeOf(paths.Split(','));

        var plan = await PlanAsync(container, query);

        // Its own index, or one with the same leading path (indexes are shared by name across containers).
        var leading = "INDEX " + QueryIndexes.NameOf([paths.Split(',')[0]]);
        plan.ShouldContain(step => step.Contains(leading, StringComparison.Ordinal), string.Join("; ", plan));
        (await store.QueryAsync<Row>(container, "tenant", query)).Items.ShouldBeEmpty(); // and it runs under the plan check
    }

    [Fact]
    public async Task The_patient_history_query_uses_its_index_after_ANALYZE_on_a_large_store()
    {
        var store = new SqliteDocumentStore(_path);
        await using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $count - 1)
                INSERT INTO documents (container, pk, id, etag, body)
                SELECT 'appointments', 'tenant', 'a' || i, 'e',
                       json_object('kind', 'appointment', 'patientId', 'p' || (i % 1000), 'startTime', '2026-12-01T10:00:00Z', 'locationId', 'l' || (i % 3), 'localDate', '2026-12-01')
                FROM n;
                """;
            insert.Parameters.AddWithValue("$count", SqliteDocumentStore.AnalyzeFromDocuments);
            await insert.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var analyzed = new SqliteDocumentStore(_path, checkPlans: true); // opening a large store ANALYZEs it

        var history = await analyzed.QueryAsync<Row>("appointments", "tenant", new DocumentQuery { OrderBy = "startTime", PageSize = 500 }
            .Where("kind", FilterOperator.Equal, "appointment").Where("patientId", FilterOperator.Equal, "p7"));

        history.Items.Count.ShouldBe(SqliteDocumentStore.AnalyzeFromDocuments / 1000);
        (await PlanAsync("appointments", new DocumentQuery { OrderBy = "startTime" }.Where("kind", FilterOperator.Equal, "appointment").Where("patientId", FilterOperator.Equal, "p7")))
            .ShouldContain(step => step.Contains("INDEX ix_patientId_startTime", StringComparison.Ordinal));
        store.Kind.ShouldBe("sqlite");
    }

    [Fact]
    public async Task A_query_no_declared_index_serves_is_refused()
    {
        var store = new SqliteDocumentStore(_path);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() =>
            store.QueryAsync<Row>("appointments", "tenant", new DocumentQuery().Where("serviceId", FilterOperator.Equal, "s1")));

        refused.Message.ShouldContain("queryIndexes");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Equality on the index's first path and, for a second, the range or order an app query puts there.</summary>
    private static DocumentQuery ShapeOf(string[] paths)
    {
        var query = new DocumentQuery { OrderBy = paths.Length > 1 ? paths[^1] : "id" }.Where(paths[0], FilterOperator.Equal, "x");
        foreach (var path in paths.Skip(1).SkipLast(1))
        {
            query = query.Where(path, FilterOperator.Equal, "y");
        }

        return query;
    }

    private async Task<IReadOnlyList<string>> PlanAsync(string container, DocumentQuery query)
    {
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        await using var command = SqliteDocumentStore.QueryCommand(connection, container, "tenant", query);
        return await SqliteDocumentStore.ExplainAsync(connection, command);
    }

    private sealed record Row(string Id);
}
