namespace MedSpa.Infrastructure.Identity;

/// <summary>Who issues our sign-ins. "local": the local OpenID Connect provider; "b2c": Azure AD B2C (authority from config).</summary>
public sealed class IdentityOptions
{
    public string Mode { get; set; } = "local";

    /// <summary>The issuer URL (local provider, or the B2C policy's issuer base).</summary>
    public string Authority { get; set; } = "http://127.0.0.1:7072";

    /// <summary>Optional explicit issuer when it differs from the authority (B2C's issuer contains the tenant id).</summary>
    public string? Issuer { get; set; }

    public string Audience { get; set; } = "api://medspa";

    /// <summary>The SPA's client id, handed to the web app by /api/auth/config.</summary>
    public string ClientId { get; set; } = "medspa-web";

    public string Scopes { get; set; } = "openid profile email api";

    /// <summary>Local mode: the provider's signing key set (private JWKs), created on first start.</summary>
    public string JwksFile { get; set; } = "";

    public bool IsLocal => string.Equals(Mode, "local", StringComparison.OrdinalIgnoreCase);

    public string ExpectedIssuer => Issuer ?? Authority.TrimEnd('/');

    /// <summary>B2C issuers end with '/', the local provider's do not; accept the configured one with or without it.</summary>
    public IReadOnlyList<string> ValidIssuers => [ExpectedIssuer, ExpectedIssuer.TrimEnd('/'), ExpectedIssuer.TrimEnd('/') + "/"];
}
