using MedSpa.Infrastructure.Documents;
using Microsoft.Azure.Cosmos;

namespace MedSpa.Infrastructure.Tests.Documents;

/// <summary>With the catalog, the app's Cosmos store creates a missing container the way infra/modules/cosmos.bicep does.</summary>
[Collection(CosmosEmulatorCollection.Name)]
public sealed class CosmosContainerCatalogTests(CosmosEmulatorFixture emulator)
{
    private sealed record Item(string Name);

    [Fact]
    public async Task A_declared_container_is_created_with_the_composite_indexes_of_its_sort_paths()
    {
        const string database = "medspa-catalog-tests";
        var declared = CosmosContainers.All.First(c => c.SortPaths.Count > 0);
        using var store = emulator.CreateStore(new CosmosDocumentStoreOptions { DatabaseName = database, Containers = CosmosContainers.All });

        await store.CreateAsync(declared.Name, "tenant-1", "item-1", new Item("one"));

        var properties = (await emulator.Client.GetContainer(database, declared.Name).ReadContainerAsync()).Resource;
        properties.PartitionKeyPath.ShouldBe(CosmosDocumentStore.PartitionKeyPath);
        var composites = properties.IndexingPolicy.CompositeIndexes
            .Select(index => string.Join(", ", index.Select(p => $"{p.Path} {p.Order}")));
        foreach (var path in declared.SortPaths)
        {
            composites.ShouldContain($"/{path} {CompositePathSortOrder.Ascending}, /id {CompositePathSortOrder.Ascending}");
            composites.ShouldContain($"/{path} {CompositePathSortOrder.Descending}, /id {CompositePathSortOrder.Descending}");
        }
    }

    [Fact]
    public void A_container_declared_with_another_partition_key_path_is_refused()
    {
        var wrong = CosmosContainers.All[0] with { PartitionKeyPath = "/tenantId" };

        Should.Throw<ArgumentException>(() => emulator.CreateStore(new CosmosDocumentStoreOptions { Containers = [wrong] }));
    }
}
