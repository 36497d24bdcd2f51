using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedSpa.Infrastructure.Identity;

/// <summary>
/// Azure modes (Microsoft Entra External ID, or Azure AD B2C for existing tenants): tokens are validated with the JWT
/// bearer options that Microsoft.Identity.Web configures (<see cref="IdentityRegistration"/>): the authority's signing
/// keys from its OpenID configuration, cached and refreshed; Entra's issuer rules (the issuer names the token's
/// <c>tid</c>); the API's audience; lifetime. The worker middleware calls it, so every function is covered the same way.
/// </summary>
public sealed class MicrosoftIdentityTokenValidator(IOptionsMonitor<JwtBearerOptions> bearerOptions) : IAccessTokenValidator
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<(SignedInUser? User, string? Failure)> ValidateAsync(string token, CancellationToken ct)
    {
        var options = bearerOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();

        // As JwtBearerHandler does: the configuration manager supplies keys (and the issuer) at validation time.
        if (options.ConfigurationManager is BaseConfigurationManager manager)
        {
            parameters.ConfigurationManager = manager;
        }
        else if (options.ConfigurationManager is { } other)
        {
            var configuration = await other.GetConfigurationAsync(ct);
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. configuration.SigningKeys];
        }
        return TokenOutcome.Of(await _handler.ValidateTokenAsync(token, parameters));
    }
}
