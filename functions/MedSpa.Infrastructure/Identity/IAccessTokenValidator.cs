using Microsoft.IdentityModel.Tokens;

namespace MedSpa.Infrastructure.Identity;

/// <summary>Who a valid token says the caller is. Authorization comes later, from our own directory.</summary>
public sealed record SignedInUser(string UserId, string Email, string Name);

/// <summary>Checks a bearer access token and says who it names, or why it is refused.</summary>
public interface IAccessTokenValidator
{
    /// <returns>The user, or null with a reason the caller may show (never the token itself).</returns>
    Task<(SignedInUser? User, string? Failure)> ValidateAsync(string token, CancellationToken ct);
}

/// <summary>One reading of a validation result for every provider: the user it names, or a reason people can read.</summary>
internal static class TokenOutcome
{
    public static (SignedInUser? User, string? Failure) Of(TokenValidationResult result)
    {
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

        // Local provider and Entra External ID: `email` (an optional claim to add to the API's token configuration in
        // Entra); B2C: `emails`. `sub` is per application in Entra; `oid` is the user object. Either names the user.
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
