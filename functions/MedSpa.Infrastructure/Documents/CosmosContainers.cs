using System.Text.Json;

namespace MedSpa.Infrastructure.Documents;

/// <summary>A unique key of a container: the combination of these paths is unique within a partition.</summary>
public sealed record CosmosUniqueKey(IReadOnlyList<string> Paths);

/// <summary>
/// One Cosmos DB container of the document store, as declared in <c>infra/cosmos-containers.json</c>.
/// </summary>
/// <param name="Name">The container name the code passes to <c>IDocumentStore</c>.</param>
/// <param name="PartitionKeyPath">Always <c>/pk</c>: the store writes each document's partition key there.</param>
/// <param name="SortPaths">Properties queries order by; each gets composite indexes (path, id) in both directions.</param>
/// <param name="QueryIndexes">
/// The property paths queries filter on, one list per index, leading with an equality filter (or, for a query
/// without one, its order): SQLite makes each an expression index, Cosmos each of two or more paths a composite index.
/// </param>
/// <param name="UniqueKeys">Unique key policy (none today).</param>
/// <param name="DefaultTtl">Default time-to-live in seconds; null: off, -1: per document.</param>
public sealed record CosmosContainer(
    string Name,
    string PartitionKeyPath,
    IReadOnlyList<string> SortPaths,
    IReadOnlyList<IReadOnlyList<string>> QueryIndexes,
    IReadOnlyList<CosmosUniqueKey> UniqueKeys,
    int? DefaultTtl);

/// <summary>
/// The containers of the document store, declared once in <c>infra/cosmos-containers.json</c>: the Bicep creates them
/// from that file (<c>loadJsonContent</c>) and this assembly embeds the same file, so the app's Cosmos store creates a
/// missing container exactly as the deployment would (in Azure the deployment creates them; the app's identity may not).
/// </summary>
public static class CosmosContainers
{
    /// <summary>The embedded resource's name (see MedSpa.Infrastructure.csproj).</summary>
    public const string ResourceName = "MedSpa.Infrastructure.cosmos-containers.json";

    private static readonly Lazy<IReadOnlyList<CosmosContainer>> Declared = new(() =>
    {
        using var stream = typeof(CosmosContainers).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return Parse(stream);
    });

    /// <summary>Every declared container, in the file's order.</summary>
    public static IReadOnlyList<CosmosContainer> All => Declared.Value;

    public static CosmosContainer? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>Reads a catalog in the format of <c>infra/cosmos-containers.json</c> and checks it is well formed.</summary>
    public static IReadOnlyList<CosmosContainer> Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<CatalogFile>(json, JsonOptions)
            ?? throw new InvalidDataException("The container catalog is empty.");
        var containers = (file.Containers ?? throw new InvalidDataException("The container catalog has no \"containers\"."))
            .Select(c => new CosmosContainer(
                Required(c.Name, "name"),
                Required(c.PartitionKeyPath, $"{c.Name}: partitionKeyPath"),
                c.SortPaths ?? throw new InvalidDataException($"{c.Name}: \"sortPaths\" must be declared (empty if none)."),
                c.QueryIndexes?.Select(i => i is { Count: > 0 } ? i : throw new InvalidDataException($"{c.Name}: a query index needs at least one path.")).ToList()
                    ?? throw new InvalidDataException($"{c.Name}: \"queryIndexes\" must be declared (empty if none)."),
                c.UniqueKeys?.Select(k => new CosmosUniqueKey(k.Paths ?? [])).ToList()
                    ?? throw new InvalidDataException($"{c.Name}: \"uniqueKeys\" must be declared (empty if none)."),
                c.DefaultTtl))
            .ToList();
        var duplicate = containers.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"The container \"{duplicate.Key}\" is declared twice.");
        }

        return containers;
    }

    private static string Required(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidDataException($"The container catalog lacks {what}.") : value;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private sealed record CatalogFile(IReadOnlyList<ContainerEntry>? Containers);

    private sealed record ContainerEntry(
        string? Name,
        string? PartitionKeyPath,
        IReadOnlyList<string>? SortPaths,
        IReadOnlyList<IReadOnlyList<string>>? QueryIndexes,
        IReadOnlyList<UniqueKeyEntry>? UniqueKeys,
        int? DefaultTtl);

    private sealed record UniqueKeyEntry(IReadOnlyList<string>? Paths);
}
