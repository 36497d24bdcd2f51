using System.Reflection;
using System.Text.Json.Nodes;
using MedSpa.Core.Common;
using MedSpa.Infrastructure.Documents;

namespace MedSpa.Infrastructure.Tests.Infra;

/// <summary>
/// The Cosmos DB containers are declared once, in infra/cosmos-containers.json: the code uses exactly those, the app
/// embeds that file, and the Bicep deploys exactly those containers with their partition keys and indexes.
/// </summary>
public sealed class CosmosContainersTests
{
    private const string ContainerType = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";

    /// <summary>
    /// Every container name the code passes to the document store: the <c>Container</c> constants of the classes that
    /// own a container, and the constants of <see cref="Partitions"/>, in MedSpa.Core and MedSpa.Infrastructure.
    /// </summary>
    private static IReadOnlyList<(string Owner, string Name)> ContainersInCode()
    {
        Assembly[] assemblies = [typeof(Partitions).Assembly, typeof(CosmosContainers).Assembly];
        return
        [
            .. assemblies
                .SelectMany(a => a.GetTypes())
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Where(f => f.IsLiteral && f.FieldType == typeof(string) && (f.Name == "Container" || t == typeof(Partitions)))
                    .Select(f => (Owner: $"{t.FullName}.{f.Name}", Name: (string)f.GetRawConstantValue()!))),
        ];
    }

    [Fact]
    public void Every_container_the_code_uses_is_declared()
    {
        var inCode = ContainersInCode();
        inCode.Count.ShouldBeGreaterThanOrEqualTo(9);
        var declared = CosmosContainers.All.Select(c => c.Name).ToHashSet();

        inCode.Where(c => !declared.Contains(c.Name)).Select(c => $"{c.Owner} = \"{c.Name}\"")
            .ShouldBeEmpty("containers the code uses but infra/cosmos-containers.json does not declare (a deployment would lack them)");
    }

    [Fact]
    public void Every_declared_container_is_used_by_the_code()
    {
        var inCode = ContainersInCode().Select(c => c.Name).ToHashSet();

        CosmosContainers.All.Select(c => c.Name).Where(n => !inCode.Contains(n))
            .ShouldBeEmpty("containers infra/cosmos-containers.json declares that no code uses");
    }

    [Fact]
    public void Every_declared_container_is_partitioned_on_the_path_the_store_writes()
    {
        CosmosContainers.All.ShouldAllBe(c => c.PartitionKeyPath == CosmosDocumentStore.PartitionKeyPath);
    }

    [Fact]
    public void The_app_embeds_the_same_file_the_Bicep_loads()
    {
        using var embedded = typeof(CosmosContainers).Assembly.GetManifestResourceStream(CosmosContainers.ResourceName)!;
        using var copy = new MemoryStream();
        embedded.CopyTo(copy);

        copy.ToArray().ShouldBe(File.ReadAllBytes(Path.Combine(BicepCli.InfraDirectory, "cosmos-containers.json")));
        File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "modules", "cosmos.bicep"))
            .ShouldContain("loadJsonContent('../cosmos-containers.json')");
    }

    [Fact]
    public void A_catalog_without_its_declared_fields_is_refused()
    {
        const string withoutUniqueKeys = """{ "containers": [ { "name": "x", "partitionKeyPath": "/pk", "sortPaths": [], "queryIndexes": [] } ] }""";
        const string twice = """{ "containers": [ { "name": "x", "partitionKeyPath": "/pk", "sortPaths": [], "queryIndexes": [], "uniqueKeys": [] }, { "name": "x", "partitionKeyPath": "/pk", "sortPaths": [], "queryIndexes": [], "uniqueKeys": [] } ] }""";

        Should.Throw<InvalidDataException>(() => CosmosContainers.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(withoutUniqueKeys))));
        Should.Throw<InvalidDataException>(() => CosmosContainers.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(twice))));
    }

    [Fact]
    public void The_Bicep_creates_exactly_the_declared_containers_with_their_partition_keys_and_indexes()
    {
        var deployed = BicepCli.PredictedResources
            .Where(r => r["type"]!.GetValue<string>() == ContainerType)
            .Select(r => r["properties"]!["resource"]!.AsObject())
            .ToDictionary(r => r["id"]!.GetValue<string>());

        deployed.Keys.Order().ShouldBe(CosmosContainers.All.Select(c => c.Name).Order());
        foreach (var container in CosmosContainers.All)
        {
            var resource = deployed[container.Name];
            Strings(resource["partitionKey"]!["paths"]).ShouldBe([container.PartitionKeyPath], container.Name);
            resource["partitionKey"]!["kind"]!.GetValue<string>().ShouldBe("Hash");

            var composites = resource["indexingPolicy"]!["compositeIndexes"]!.AsArray()
                .Select(index => string.Join(", ", index!.AsArray().Select(p => $"{p!["path"]} {p["order"]}")));
            composites.ShouldBe(ExpectedCompositeIndexes(container), ignoreOrder: true, container.Name);

            var uniqueKeys = resource["uniqueKeyPolicy"]?["uniqueKeys"]?.AsArray().Select(k => string.Join(",", Strings(k!["paths"]))) ?? [];
            uniqueKeys.ShouldBe(container.UniqueKeys.Select(k => string.Join(",", k.Paths)), ignoreOrder: true, container.Name);

            resource["defaultTtl"]?.GetValue<int>().ShouldBe(container.DefaultTtl!.Value, container.Name);
            (resource["defaultTtl"] is null).ShouldBe(container.DefaultTtl is null, container.Name);
        }
    }

    /// <summary>"ORDER BY c.path, c.id" in either direction: one composite index per direction, as the store makes them.</summary>
    private static IEnumerable<string> ExpectedCompositeIndexes(CosmosContainer container) =>
        container.SortPaths.Where(p => p != "id").SelectMany(p => new[]
        {
            $"/{p.Replace('.', '/')} ascending, /id ascending",
            $"/{p.Replace('.', '/')} descending, /id descending",
        });

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());
}
