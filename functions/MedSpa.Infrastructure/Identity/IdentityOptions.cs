namespace MedSpa.Infrastructure.Identity;

/// <summary>
/// Who issues our sign-ins (app settings <c>Identity__*</c>).
/// <list type="bullet">
/// <item><c>local</c>: the local OpenID Connect provider that MedSpa.LocalHost starts (and dev tokens).</item>
/// <item><c>entra</c>: Microsoft Entra External ID. Authority <c>https://{subdomain}.ciamlogin.com/{tenantId}/v2.0</c>.</item>
/// <item><c>b2c</c>: Azure AD B2C, for existing tenants. Authority <c>https://{tenant}.b2clogin.com/{tenant}.onmicrosoft.com/{policy}/v2.0</c>.</item>
/// </list>
/// The Azure modes validate with Microsoft.Identity.Web; the SPA signs in against the same authority.
/// </summary>
public sealed class IdentityOptions
{
    /// <summary>Unset by default: only MedSpa.LocalHost may fall back to local (see <see cref="ResolveFor"/>).</summary>
    public string Mode { get; set; } = "";

    /// <summary>The OpenID Connect authority (v2.0 endpoint for Entra and B2C): the SPA signs in here; keys come from here.</summary>
    public string Authority { get; set; } = "http://127.0.0.1:7072";

    /// <summary>Optional explicit issuer when it differs from the authority (B2C's issuer names the tenant by id).</summary>
    public string? Issuer { get; set; }

    /// <summary>The API's audience: the <c>aud</c> of access tokens (Entra/B2C: the API registration's client id).</summary>
    public string Audience { get; set; } = "api://medspa";

    /// <summary>The SPA's client id, handed to the web app by /api/auth/config.</summary>
    public string ClientId { get; set; } = "medspa-web";

    public string Scopes { get; set; } = "openid profile email api";

    /// <summary>Local mode: the provider's signing key set (private JWKs), created on first start.</summary>
    public string JwksFile { get; set; } = "";

    public bool IsLocal => string.Equals(Mode, "local", StringComparison.OrdinalIgnoreCase);

    public bool IsEntra => string.Equals(Mode, "entra", StringComparison.OrdinalIgnoreCase);

    public bool IsB2C => string.Equals(Mode, "b2c", StringComparison.OrdinalIgnoreCase);

    public string ExpectedIssuer => Issuer ?? Authority.TrimEnd('/');

    /// <summary>B2C issuers end with '/', the local provider's do not; accept the configured one with or without it.</summary>
    public IReadOnlyList<string> ValidIssuers => [ExpectedIssuer, ExpectedIssuer.TrimEnd('/'), ExpectedIssuer.TrimEnd('/') + "/"];

    /// <summary>
    /// Settles the mode for the host the app runs on. On one machine (MedSpa.LocalHost) an unset mode means local. In
    /// Azure there is no local provider and no dev tokens: a deployment whose identity settings are missing or say
    /// "local" refuses to start rather than run open or half-configured.
    /// </summary>
    public IdentityOptions ResolveFor(bool localHost)
    {
        if (string.IsNullOrWhiteSpace(Mode))
        {
            Mode = localHost ? "local" : throw new InvalidOperationException(
                "Identity:Mode is not set. Set Identity__Mode to entra (or b2c) with Identity__Authority, Identity__Audience and Identity__ClientId.");
        }

        if (IsLocal && !localHost)
        {
            throw new InvalidOperationException("Identity:Mode 'local' exists only on one machine (MedSpa.LocalHost). Set Identity__Mode to entra or b2c.");
        }

        return this;
    }

    /// <summary>The authority split as Microsoft.Identity.Web wants it: instance, then tenant (Entra) or domain and policy (B2C).</summary>
    public (string Instance, string TenantOrDomain, string? Policy) AzureAuthority()
    {
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"Identity:Authority must be an https URL for mode '{Mode}'.");
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "v2.0").ToArray();
        var instance = uri.GetLeftPart(UriPartial.Authority) + "/";
        return (IsB2C, segments) switch
        {
            (false, [var tenant]) => (instance, tenant, null),
            (true, [var domain, var policy]) => (instance, domain, policy),
            _ => throw new InvalidOperationException(IsB2C
                ? "Identity:Authority for B2C is https://{tenant}.b2clogin.com/{tenant}.onmicrosoft.com/{policy}/v2.0."
                : "Identity:Authority for Entra External ID is https://{subdomain}.ciamlogin.com/{tenantId}/v2.0."),
        };
    }
}
