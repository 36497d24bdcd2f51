using System.Diagnostics;
using System.Text;

namespace MedSpa.Infrastructure.Tests.Support;

/// <summary>
/// An emulator the tests run with Node (Cosmos, Azurite): installs its packages on first use, starts its script, and
/// waits for the line that says it is ready. Its stdin stays open: the scripts stop when it closes, so an emulator
/// never outlives a test run that died.
/// </summary>
public sealed class NodeTool : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _stderr = new();
    private readonly Process _process;

    private NodeTool(Process process) => _process = process;

    /// <summary>What the script printed after <paramref name="readyPrefix"/> (its address, say).</summary>
    public string Ready { get; private set; } = "";

    /// <summary>Starts <paramref name="script"/> in the folder <paramref name="relativeFolder"/> of this clone; returns once it printed its ready line.</summary>
    public static async Task<NodeTool> StartAsync(string relativeFolder, string script, string readyPrefix, IReadOnlyDictionary<string, string>? environment = null)
    {
        var directory = Find(relativeFolder, script);
        if (!File.Exists(Path.Combine(directory, "node_modules", ".package-lock.json")))
        {
            await NpmCiAsync(directory);
        }

        var info = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var tool = new NodeTool(Process.Start(info) ?? throw new InvalidOperationException("Could not start node."));
        await tool.WaitUntilReadyAsync(relativeFolder, readyPrefix);
        return tool;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(string name, string readyPrefix)
    {
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
                if (line.StartsWith(readyPrefix, StringComparison.Ordinal))
                {
                    // Keep draining stdout so the tool can never block on a full pipe.
                    _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                    Ready = line[readyPrefix.Length..].Trim();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{name} was not ready within {ReadyTimeout.TotalSeconds} s. stderr:\n{Stderr()}");
        }

        throw new InvalidOperationException($"{name} exited before it was ready. stderr:\n{Stderr()}");
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }

    private static async Task NpmCiAsync(string directory)
    {
        var info = new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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

    private static string Find(string relativeFolder, string script)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativeFolder);
            if (File.Exists(Path.Combine(candidate, script)))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{relativeFolder}/{script} was not found above {AppContext.BaseDirectory}");
    }
}
