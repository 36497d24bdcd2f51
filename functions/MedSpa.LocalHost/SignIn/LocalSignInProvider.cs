using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedSpa.LocalHost.SignIn;

public sealed class LocalSignInOptions
{
    public bool Enabled { get; set; }

    /// <summary>Folder of the Node OpenID Connect provider (oidc/ beside this project).</summary>
    public string ProviderDirectory { get; set; } = "";

    public int Port { get; set; } = 7072;

    public string Issuer { get; set; } = "http://127.0.0.1:7072";

    public string ClientId { get; set; } = "medspa-web";

    public string Audience { get; set; } = "api://medspa";

    public string JwksFile { get; set; } = "";

    public string UsersFile { get; set; } = "";

    public string Password { get; set; } = "medspa-demo";

    public List<string> RedirectUris { get; set; } = [];

    public List<string> PostLogoutRedirectUris { get; set; } = [];
}

/// <summary>
/// Starts the local OpenID Connect provider (what Entra External ID or B2C is in Azure) with the app and stops it with the app.
/// It installs its own npm packages on first start, so a fresh clone needs nothing done by hand.
/// </summary>
public sealed class LocalSignInProvider(IOptions<LocalSignInOptions> options, ILogger<LocalSignInProvider> logger) : IHostedService, IDisposable
{
    private Process? _process;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        if (!File.Exists(Path.Combine(o.ProviderDirectory, "node_modules", ".package-lock.json")))
        {
            logger.LogInformation("Installing the local sign-in provider's packages (npm ci) in {Directory}", o.ProviderDirectory);
            await RunToEndAsync("npm", "ci --no-audit --no-fund", o.ProviderDirectory, cancellationToken);
        }

        var start = new ProcessStartInfo("node", "server.mjs")
        {
            WorkingDirectory = o.ProviderDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["OIDC_PORT"] = o.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OIDC_ISSUER"] = o.Issuer;
        start.Environment["OIDC_CLIENT_ID"] = o.ClientId;
        start.Environment["OIDC_API_AUDIENCE"] = o.Audience;
        start.Environment["OIDC_JWKS_FILE"] = o.JwksFile;
        start.Environment["OIDC_USERS_FILE"] = o.UsersFile;
        start.Environment["OIDC_PASSWORD"] = o.Password;
        start.Environment["OIDC_REDIRECT_URIS"] = string.Join(',', o.RedirectUris);
        start.Environment["OIDC_POST_LOGOUT_REDIRECT_URIS"] = string.Join(',', o.PostLogoutRedirectUris);

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            logger.LogInformation("sign-in: {Line}", e.Data);
            if (e.Data.StartsWith("oidc ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                logger.LogWarning("sign-in: {Line}", e.Data);
            }
        };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The local sign-in provider exited during start; see the sign-in log lines above."));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        logger.LogInformation("Local sign-in provider is up at {Issuer}", o.Issuer);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(cancellationToken);
        }
    }

    public void Dispose() => _process?.Dispose();

    private static async Task RunToEndAsync(string file, string arguments, string directory, CancellationToken ct)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {file}.");
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed in {directory} with exit code {process.ExitCode}.");
        }
    }
}
