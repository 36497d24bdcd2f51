using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedSpa.Infrastructure.Identity;

/// <summary>
/// Local mode: validates the local sign-in provider's JWTs (issuer, audience, RS256 signature with the provider's own
/// key file, lifetime) with Microsoft.IdentityModel. Azure modes use <see cref="MicrosoftIdentityTokenValidator"/>.
/// The local provider is a plain OpenID Connect provider (oidc-provider) whose issuer has no tenant path and whose
/// tokens carry no <c>tid</c>, so Microsoft.Identity.Web's Entra issuer rules cannot apply to it (see README).
/// </summary>
public sealed class LocalAccessTokenValidator : IAccessTokenValidator
{
    private readonly IdentityOptions _options;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SecurityKey _localKey;

    public LocalAccessTokenValidator(IdentityOptions options)
    {
        _options = options.IsLocal ? options : throw new InvalidOperationException("The local token validator is for local mode only.");
        _localKey = LocalSigningKey.PublicPart(LocalSigningKey.LoadOrCreate(options.JwksFile));
    }

    public async Task<(SignedInUser? User, string? Failure)> ValidateAsync(string token, CancellationToken ct)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = _options.ValidIssuers,
            ValidAudience = _options.Audience,
            IssuerSigningKey = _localKey,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        return TokenOutcome.Of(result);
    }
}
