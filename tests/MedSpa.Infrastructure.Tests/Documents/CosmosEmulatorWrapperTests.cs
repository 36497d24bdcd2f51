using MedSpa.Core.Common;
using Microsoft.Azure.Cosmos;

namespace MedSpa.Infrastructure.Tests.Documents;

/// <summary>
/// The emulator fixes in tests/cosmos-emulator/start.mjs that the adapter does not lean on, checked through the plain
/// SDK so they cannot silently rot: query plans for simple cross-partition queries, and the partition-key header on queries.
/// </summary>
[Collection(CosmosEmulatorCollection.Name)]
public sealed class CosmosEmulatorWrapperTests(CosmosEmulatorFixture emulator)
{
    private readonly string _pk = "tenant-" + Guid.NewGuid().ToString("N");

    public sealed record Row(string Id, string Tag);

    [Fact]
    public async Task A_query_carrying_a_partition_key_sees_only_that_partition()
    {
        var container = await SeedAsync();

        var ids = await RunAsync(container, "SELECT * FROM c WHERE c.tag = @tag", new QueryRequestOptions { PartitionKey = new PartitionKey(_pk) });

        ids.ShouldBe(["a", "b"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_simple_cross_partition_query_gets_a_query_plan_and_runs()
    {
        var container = await SeedAsync();

        var ids = await RunAsync(container, "SELECT * FROM c WHERE c.tag = @tag", new QueryRequestOptions());

        ids.ShouldBe(["a", "a", "b"], ignoreOrder: true);
    }

    private async Task<Container> SeedAsync()
    {
        await emulator.Store.CreateAsync("wrapper", _pk, "a", new Row("a", _pk));
        await emulator.Store.CreateAsync("wrapper", _pk, "b", new Row("b", _pk));
        await emulator.Store.CreateAsync("wrapper", _pk + "-other", "a", new Row("a", _pk));
        return emulator.Client.GetContainer(CosmosEmulatorFixture.DatabaseName, "wrapper");
    }

    private async Task<List<string>> RunAsync(Container container, string sql, QueryRequestOptions options)
    {
        var ids = new List<string>();
        using var iterator = container.GetItemQueryIterator<Row>(new QueryDefinition(sql).WithParameter("@tag", _pk), requestOptions: options);
        while (iterator.HasMoreResults)
        {
            ids.AddRange((await iterator.ReadNextAsync()).Select(r => r.Id));
        }

        return ids;
    }
}
