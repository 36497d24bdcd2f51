using System.Diagnostics;

namespace MedSpa.LocalHost.Hosting;

/// <summary>
/// A Node program a local run starts beside the app (the sign-in provider, Azurite): installs its packages on first
/// start (so a fresh clone needs nothing done by hand), starts its script with its settings, waits for the line that
/// says it is ready, logs what it says, and stops it with the app.
/// </summary>
public sealed class LocalNodeService(string name, ILogger logger) : IDisposable
{
    private Process? _process;

    public async Task StartAsync(string directory, string script, IReadOnlyDictionary<string, string> environment, string readyPrefix, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(directory, "node_modules", ".package-lock.json")))
        {
            logger.LogInformation("Installing the {Name}'s packages (npm ci) in {Directory}", name, directory);
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = directory, UseShellExecute = false })
                ?? throw new InvalidOperationException("Could not start npm.");
            await npm.WaitForExitAsync(ct);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"'npm ci' failed in {directory} with exit code {npm.ExitCode}.");
            }
        }

        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // the scripts stop when this pipe closes, even if the app dies without stopping them
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            logger.LogInformation("{Name}: {Line}", name, e.Data);
            if (e.Data.StartsWith(readyPrefix, StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                logger.LogWarning("{Name}: {Line}", name, e.Data);
            }
        };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The {name} exited during start; see its log lines above."));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(ct);
        }
    }

    public void Dispose() => _process?.Dispose();
}
