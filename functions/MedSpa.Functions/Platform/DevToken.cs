using MedSpa.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MedSpa.Functions.Platform;

/// <summary>
/// Local mode only: an access token for a user, for scripts and tests, signed by the local provider's key.
/// Outside local mode there is no key to sign with, and even in local mode it answers only a caller on this machine
/// addressing it by a loopback name (an app bound to another address does not hand out tokens); otherwise the route
/// answers 404 as if it did not exist.
/// </summary>
public sealed class DevToken(IdentityOptions identity, IServiceProvider services)
{
    public sealed record Request(string? Email, string? Name);

    [Function("DevToken")]
    [Anonymous]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dev/token")] HttpRequest request, FunctionContext context)
    {
        if (!identity.IsLocal || services.GetService<DevTokenIssuer>() is not { } issuer || !IsFromThisMachine(request.HttpContext))
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Not found", "There is no such endpoint.");
        }

        return await RequestBody.HandleAsync<Request>(request, context, body =>
        {
            var email = body.Email?.Trim();
            if (string.IsNullOrEmpty(email) || email.Length > 254 || !email.Contains('@', StringComparison.Ordinal))
            {
                return Problems.From(Error.Invalid.Field("email", "Enter the email of a demo user."));
            }

            return Responses.Json(new { AccessToken = issuer.Issue(email, body.Name ?? email), TokenType = "Bearer", ExpiresIn = 3600 });
        });
    }

    /// <summary>A request from this machine to a loopback address (in-process test calls have no remote address).</summary>
    private static bool IsFromThisMachine(HttpContext http) =>
        (http.Connection.RemoteIpAddress is null || System.Net.IPAddress.IsLoopback(http.Connection.RemoteIpAddress))
        && http.Request.Host.Host is "127.0.0.1" or "localhost" or "[::1]" or "::1";
}
