using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedSpa.Infrastructure.Identity;

/// <summary>
/// Local mode only: mints the same access token the local provider would, for scripts and tests
/// (POST /api/dev/token). It cannot exist against B2C: it needs the local private key.
/// </summary>
public sealed class DevTokenIssuer(IdentityOptions options, TimeProvider clock)
{
    private readonly JsonWebKey _key = options.IsLocal
        ? LocalSigningKey.LoadOrCreate(options.JwksFile)
        : throw new InvalidOperationException("Dev tokens exist only in local mode.");

    public string Issue(string email, string name, TimeSpan? lifetime = null, DateTimeOffset? notBefore = null)
    {
        var now = notBefore ?? clock.GetUtcNow();
        var subject = email.Trim().ToLowerInvariant();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.ExpectedIssuer,
            Audience = options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("email", subject), new Claim("name", name), new Claim("scope", "openid profile email api")]),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }
}
