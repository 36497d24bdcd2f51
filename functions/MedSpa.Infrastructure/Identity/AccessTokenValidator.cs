using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MedSpa.Infrastructure.Identity;

/// <summary>Who a valid token says the caller is. Authorization comes later, from our own directory.</summary>
public sealed record SignedInUser(string UserId, string Email, string Name);

/// <summary>
/// Validates bearer JWTs: issuer, audience, signature and lifetime. Locally the signing key is the provider's own
/// key file; against B2C the keys come from the authority's OpenID configuration (JWKS), cached and refreshed.
/// </summary>
public sealed class AccessTokenValidator
{
    private readonly IdentityOptions _options;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly SecurityKey? _localKey;

    public AccessTokenValidator(IdentityOptions options)
    {
        _options = options;
        if (options.IsLocal)
        {
            _localKey = LocalSigningKey.PublicPart(LocalSigningKey.LoadOrCreate(options.JwksFile));
        }
        else
        {
            _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                options.Authority.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = true });
        }
    }

    /// <returns>The user, or null with a reason the caller may show (never the token itself).</returns>
    public async Task<(SignedInUser? User, string? Failure)> ValidateAsync(string token, CancellationToken ct)
    {
        var keys = _localKey is not null ? [_localKey] : (await _metadata!.GetConfigurationAsync(ct)).SigningKeys;
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = _options.ValidIssuers,
            ValidAudience = _options.Audience,
            IssuerSigningKeys = keys,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        if (!result.IsValid)
        {
            return (null, result.Exception switch
            {
                SecurityTokenExpiredException => "The access token has expired.",
                SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The access token's signature is not valid.",
                SecurityTokenInvalidAudienceException => "The access token is not for this API.",
                SecurityTokenInvalidIssuerException => "The access token is from an unknown issuer.",
                _ => "The access token is not valid.",
            });
        }

        var identity = result.ClaimsIdentity;
        var email = identity.FindFirst("email")?.Value ?? identity.FindFirst("emails")?.Value;
        var subject = identity.FindFirst("sub")?.Value ?? identity.FindFirst("oid")?.Value;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(subject))
        {
            return (null, "The access token carries no email or subject.");
        }

        return (new SignedInUser(subject, email, identity.FindFirst("name")?.Value ?? email), null);
    }
}
