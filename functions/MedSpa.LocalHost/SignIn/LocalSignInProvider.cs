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
    private readonly Hosting.LocalNodeService _provider = new("sign-in provider", logger);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        await _provider.StartAsync(o.ProviderDirectory, "server.mjs", new Dictionary<string, string>
        {
            ["OIDC_PORT"] = o.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OIDC_ISSUER"] = o.Issuer,
            ["OIDC_CLIENT_ID"] = o.ClientId,
            ["OIDC_API_AUDIENCE"] = o.Audience,
            ["OIDC_JWKS_FILE"] = o.JwksFile,
            ["OIDC_USERS_FILE"] = o.UsersFile,
            ["OIDC_PASSWORD"] = o.Password,
            ["OIDC_REDIRECT_URIS"] = string.Join(',', o.RedirectUris),
            ["OIDC_POST_LOGOUT_REDIRECT_URIS"] = string.Join(',', o.PostLogoutRedirectUris),
        }, "oidc ready", cancellationToken);
        logger.LogInformation("Local sign-in provider is up at {Issuer}", o.Issuer);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _provider.StopAsync(cancellationToken);

    public void Dispose() => _provider.Dispose();
}
