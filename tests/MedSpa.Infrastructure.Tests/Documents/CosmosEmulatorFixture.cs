using System.Diagnostics;
using System.Text;
using MedSpa.Infrastructure.Documents;
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
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    public string Endpoint { get; private set; } = "";

    public CosmosDocumentStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var directory = FindEmulatorDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            await RunNpmCiAsync(directory);
        }

        Endpoint = await StartAsync(directory);
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
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> StartAsync(string directory)
    {
        var info = new ProcessStartInfo("node", "start.mjs")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true, // start.mjs exits when this pipe closes, even if we die without disposing.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(ReadyTimeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("cosmos ready ", StringComparison.Ordinal))
                {
                    // Keep draining stdout so the emulator can never block on a full pipe.
                    _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                    return line["cosmos ready ".Length..].Trim();
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The Cosmos emulator was not ready within {ReadyTimeout.TotalSeconds} s. stderr:\n{Stderr()}");
        }

        throw new InvalidOperationException($"The Cosmos emulator exited before it was ready. stderr:\n{Stderr()}");
    }

    private static async Task RunNpmCiAsync(string directory)
    {
        var info = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var npm = Process.Start(info) ?? throw new InvalidOperationException("Could not start npm.");
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await npm.WaitForExitAsync(timeout.Token);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {directory} ({npm.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    private static string FindEmulatorDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "cosmos-emulator");
            if (File.Exists(Path.Combine(candidate, "start.mjs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/cosmos-emulator/start.mjs was not found above " + AppContext.BaseDirectory);
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }
}
