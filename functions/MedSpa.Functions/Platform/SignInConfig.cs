using MedSpa.Infrastructure.Identity;

namespace MedSpa.Functions.Platform;

/// <summary>What the web app needs to start a code + PKCE sign-in: the same code path for the local provider, Entra External ID and B2C.</summary>
public sealed class SignInConfig(IdentityOptions identity)
{
    [Function("AuthConfig")]
    [Anonymous]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/config")] HttpRequest request) =>
        Responses.Json(new { identity.Authority, identity.ClientId, identity.Scopes, Mode = identity.Mode.ToLowerInvariant() });
}
