using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace MedSpa.Functions.Platform;

/// <summary>The shared secret that proves a rolesSource call comes from Static Web Apps (or, locally, from LocalHost).</summary>
public sealed class RolesSourceOptions
{
    public const string HeaderName = "x-medspa-roles-source-key";

    /// <summary>App setting RolesSource__Secret; empty means every call is refused (fails closed).</summary>
    public string Secret { get; set; } = "";
}

/// <summary>
/// staticwebapp.config.json's auth.rolesSource: at sign-in Static Web Apps POSTs the user (identityProvider, userId,
/// userDetails, claims) and gets back {"roles": [...]}, which its allowedRoles rules then use. The role is the one our
/// directory gives the email claim; an email no clinic knows gets no roles. Not a user-facing endpoint: it needs the
/// shared secret header (without it: 404, whoever is signed in), so a browser cannot ask for somebody else's roles.
/// </summary>
public sealed class RolesSource(RolesSourceOptions options, UserStore directory)
{
    public sealed record Claim([property: JsonPropertyName("typ")] string? Typ, [property: JsonPropertyName("val")] string? Val);

    public sealed record Request(string? IdentityProvider, string? UserId, string? UserDetails, IReadOnlyList<Claim?>? Claims);

    [Function("RolesSource")]
    [Anonymous]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/roles")] HttpRequest request, FunctionContext context)
    {
        if (!CarriesSecret(request))
        {
            // As if it did not exist: the caller's sign-in is beside the point (it is Static Web Apps or nobody).
            return Problems.Create(StatusCodes.Status404NotFound, "Not found", "There is no such endpoint.");
        }

        return await RequestBody.HandleAsync<Request>(request, context, async body =>
        {
            var email = body.Claims?.FirstOrDefault(c => c?.Typ is "email" or "emails" or "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress")?.Val
                ?? body.UserDetails;
            if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || !email.Contains('@', StringComparison.Ordinal))
            {
                return Responses.Json(new { Roles = Array.Empty<string>() });
            }

            var entry = await directory.FindAsync(email.Trim(), context.CancellationToken);
            return Responses.Json(new { Roles = entry is null ? [] : new[] { RoleNames.ToWire(entry.Role) } });
        });
    }

    private bool CarriesSecret(HttpRequest request)
    {
        var sent = request.Headers[RolesSourceOptions.HeaderName].ToString();
        return options.Secret.Length > 0 && sent.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(options.Secret));
    }
}
