using MedSpa.Core.Common;

namespace MedSpa.Infrastructure.Tests.Documents;

/// <summary>The shared contract, run against Cosmos DB semantics on the emulator (started once for all Cosmos tests).</summary>
[Collection(CosmosEmulatorCollection.Name)]
public sealed class CosmosDocumentStoreTests(CosmosEmulatorFixture emulator) : DocumentStoreContract
{
    protected override IDocumentStore Store => emulator.Store;
}
