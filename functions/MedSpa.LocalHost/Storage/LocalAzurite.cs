using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedSpa.LocalHost.Storage;

public sealed class LocalAzuriteOptions
{
    public bool Enabled { get; set; }

    /// <summary>Folder of the Azurite package and its start script (azurite/ beside this project).</summary>
    public string Directory { get; set; } = "";

    public int Port { get; set; } = 10000;

    /// <summary>Where Azurite keeps the blobs between runs (under the data folder).</summary>
    public string Location { get; set; } = "";

    /// <summary>The connection string of the account Azurite serves (its well-known development account, on this port).</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";
}

/// <summary>Starts Azurite (what the storage account is in Azure) with the app and stops it with the app.</summary>
public sealed class LocalAzurite(IOptions<LocalAzuriteOptions> options, ILogger<LocalAzurite> logger) : IHostedService, IDisposable
{
    private readonly Hosting.LocalNodeService _azurite = new("blob emulator (Azurite)", logger);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        System.IO.Directory.CreateDirectory(o.Location);
        await _azurite.StartAsync(o.Directory, "start.mjs", new Dictionary<string, string>
        {
            ["AZURITE_PORT"] = o.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AZURITE_LOCATION"] = o.Location,
        }, "azurite ready", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _azurite.StopAsync(cancellationToken);

    public void Dispose() => _azurite.Dispose();
}
