using System.Net;
using System.Net.Sockets;
using MedSpa.Infrastructure.Tests.Support;

namespace MedSpa.Infrastructure.Tests.Files;

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}

/// <summary>
/// Starts Azurite's blob service (functions/MedSpa.LocalHost/azurite/start.mjs, in memory, on a free port) once for the
/// blob tests and stops it afterwards. Node and npm are required: without them the tests fail, they are never skipped.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account (public, in Azure's documentation).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private NodeTool? _azurite;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _azurite = await NodeTool.StartAsync(Path.Combine("functions", "MedSpa.LocalHost", "azurite"), "start.mjs", "azurite ready ",
            new Dictionary<string, string> { ["AZURITE_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={_azurite.Ready};";
    }

    public Task DisposeAsync()
    {
        _azurite?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
