using System.Collections.Concurrent;
using MedSpa.Core.Common;

namespace MedSpa.Infrastructure.Documents;

/// <summary>
/// Which declared index serves a query (<see cref="CosmosContainer.QueryIndexes"/>, from infra/cosmos-containers.json).
/// A query that filters or orders must be led by one: an index whose first path is one of its equality filters, or,
/// when it has none, its order. Otherwise the store would read the whole partition, which grows with the clinic
/// (every appointment to find one patient's), so such a query is refused: a developer adding one declares its index,
/// and every test that issues it checks that.
/// </summary>
public static class QueryIndexes
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>?> Served = new();

    /// <summary>The index that serves <paramref name="query"/> (stored names), or null for a plain partition read.</summary>
    /// <exception cref="InvalidOperationException">No declared index serves it.</exception>
    public static IReadOnlyList<string>? For(string container, DocumentQuery query)
    {
        var equalities = query.Filters.Where(f => f.Operator == FilterOperator.Equal).Select(f => f.Path).Distinct().Order(StringComparer.Ordinal);
        var key = $"{container}|{string.Join(',', equalities)}|{(query.Filters.Count > 0 ? "filtered" : "")}|{query.OrderBy}";
        return Served.GetOrAdd(key, _ => Find(container, query));
    }

    private static IReadOnlyList<string>? Find(string container, DocumentQuery query)
    {
        // The partition in id order is the primary key's own order. A container outside the catalog is no app's
        // (the app names only declared ones, a test checks): the stores' own contract tests query such a scratch container.
        if ((query.Filters.Count == 0 && query.OrderBy == "id") || CosmosContainers.Find(container) is not { } declaredContainer)
        {
            return null;
        }

        var declared = declaredContainer.QueryIndexes;
        var equalities = query.Filters.Where(f => f.Operator == FilterOperator.Equal).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var index = equalities.Count > 0
            ? declared.FirstOrDefault(i => equalities.Contains(i[0]))
            : declared.FirstOrDefault(i => i[0] == query.OrderBy);
        return index ?? throw new InvalidOperationException(
            $"No index declared for a query on '{container}' filtering by [{string.Join(", ", query.Filters.Select(f => $"{f.Path} {f.Operator}"))}] "
            + $"ordered by '{query.OrderBy}': declare one under \"queryIndexes\" in infra/cosmos-containers.json.");
    }

    /// <summary>Every distinct index across the containers (the SQLite store keys them by container, so one serves all).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> All =>
        [.. CosmosContainers.All.SelectMany(c => c.QueryIndexes).DistinctBy(i => string.Join(',', i))];

    /// <summary>The SQLite index's name for a list of paths.</summary>
    public static string NameOf(IReadOnlyList<string> paths) => "ix_" + string.Join("_", paths.Select(p => p.Replace('.', '_')));
}
