using MedSpa.Infrastructure.Documents;
using MedSpa.Infrastructure.Tests.Support;
using Microsoft.Azure.Cosmos;

namespace MedSpa.Infrastructure.Tests.Documents;

[CollectionDefinition(Name)]
public sealed class CosmosEmulatorCollection : ICollectionFixture<CosmosEmulatorFixture>
{
    public const string Name = "cosmos-emulator";
}

/// <summary>
/// Starts tests/cosmos-emulator/start.mjs (@vercel/cosmosdb-server plus its fixes) once for every Cosmos test, and
/// stops it afterwards. Node and npm are required: without them the tests fail, they are never skipped.
/// </summary>
public sealed class CosmosEmulatorFixture : IAsyncLifetime
{
    // Any base64 key will do for the emulator; this is the well-known public emulator key.
    private const string Key = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
    private NodeTool? _emulator;

    public string Endpoint { get; private set; } = "";

    public CosmosDocumentStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulator = await NodeTool.StartAsync(Path.Combine("tests", "cosmos-emulator"), "start.mjs", "cosmos ready ");
        Endpoint = _emulator.Ready;
        Store = new CosmosDocumentStore(Endpoint, Key, new CosmosDocumentStoreOptions { DatabaseName = DatabaseName }, HttpClientFactory);
        Client = new CosmosClient(Endpoint, Key, CosmosDocumentStore.CreateClientOptions(HttpClientFactory));
    }

    public const string DatabaseName = "medspa-tests";

    /// <summary>Another store on the emulator, with other options (dispose it).</summary>
    public CosmosDocumentStore CreateStore(CosmosDocumentStoreOptions options) => new(Endpoint, Key, options, HttpClientFactory);

    /// <summary>A plain SDK client on the emulator, for tests of the emulator wrapper itself.</summary>
    public CosmosClient Client { get; private set; } = null!;

    // Tests only: the emulator serves a self-signed certificate.
    private static HttpClient HttpClientFactory() =>
        new(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });

    public Task DisposeAsync()
    {
        Store?.Dispose();
        Client?.Dispose();
        _emulator?.Dispose();
        return Task.CompletedTask;
    }
}
