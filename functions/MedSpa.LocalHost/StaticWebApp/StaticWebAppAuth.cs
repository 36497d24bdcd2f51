using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedSpa.LocalHost.Http;
using MedSpa.LocalHost.SignIn;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace MedSpa.LocalHost.StaticWebApp;

/// <summary>What Static Web Apps knows about the signed-in user (/.auth/me's clientPrincipal).</summary>
public sealed record ClientPrincipal(string IdentityProvider, string UserId, string UserDetails, IReadOnlyList<string> UserRoles, IReadOnlyList<ClientClaim> Claims);

public sealed record ClientClaim(string Typ, string Val);

/// <summary>Extra headers LocalHost adds when it calls the rolesSource function (the app's shared secret, say).</summary>
public sealed class StaticWebAppAuthOptions
{
    public Dictionary<string, string> RolesSourceHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Static Web Apps' built-in auth, emulated on one machine for the custom OpenID Connect providers of
/// staticwebapp.config.json (whatever their registration says, the local sign-in provider stands in for them):
/// <list type="bullet">
/// <item>GET /.auth/login/&lt;provider&gt;[?post_login_redirect_uri=...]: a server-side authorization code flow with PKCE;</item>
/// <item>its callback /.auth/login/&lt;provider&gt;/callback redeems the code, reads the ID token's claims, asks the
/// auth.rolesSource function for the user's roles (POST {identityProvider, userId, userDetails, claims}, answer
/// {"roles": [...]}), and keeps the client principal in an HttpOnly, SameSite=Lax, data-protected cookie (8 hours);</item>
/// <item>GET /.auth/me answers {"clientPrincipal": {...} | null}; GET /.auth/logout clears the cookie.</item>
/// </list>
/// Roles are fixed at sign-in, as in Azure: a role change takes effect at the next sign-in.
/// </summary>
public sealed class StaticWebAppAuth
{
    public const string CookieName = "StaticWebAppsAuthCookie";
    private const string FlowCookieName = "StaticWebAppsAuthFlow";
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly StaticWebAppConfig _config;
    private readonly LocalSignInOptions _signIn;
    private readonly StaticWebAppAuthOptions _options;
    private readonly ITimeLimitedDataProtector _protector;
    private readonly LocalFunctionCaller? _functions;
    private readonly ILogger _logger;
    private JsonObject? _discovery;

    public StaticWebAppAuth(
        StaticWebAppConfig config,
        IOptions<LocalSignInOptions> signIn,
        IOptions<StaticWebAppAuthOptions> options,
        IDataProtectionProvider dataProtection,
        ILogger<StaticWebAppAuth> logger,
        LocalFunctionCaller? functions = null)
    {
        _config = config;
        _signIn = signIn.Value;
        _options = options.Value;
        _protector = dataProtection.CreateProtector("MedSpa.LocalHost.StaticWebAppAuth").ToTimeLimitedDataProtector();
        _logger = logger;
        _functions = functions;
    }

    /// <summary>The signed-in user from the auth cookie, or null (anonymous).</summary>
    public ClientPrincipal? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ClientPrincipal>(_protector.Unprotect(cookie), JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The cookie value for a principal (also lets tests sign someone in).</summary>
    public string Protect(ClientPrincipal principal) =>
        _protector.Protect(JsonSerializer.Serialize(principal, JsonSerializerOptions.Web), SessionLifetime);

    /// <summary>Handles /.auth/*; false for any other path.</summary>
    public async Task<bool> TryHandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (!path.StartsWith("/.auth/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case [_, "me"]:
                http.Response.Headers.CacheControl = "no-store";
                await http.Response.WriteAsJsonAsync(new { clientPrincipal = Read(http) }, JsonSerializerOptions.Web);
                break;
            case [_, "logout"]:
                if (LocalRedirect(http, http.Request.Query["post_logout_redirect_uri"], "/") is not { } afterLogout)
                {
                    await RefuseReturnAddressAsync(http);
                    break;
                }

                http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
                http.Response.Redirect(afterLogout);
                break;
            case [_, "login", var provider] when IsProvider(provider):
                await StartLoginAsync(http, provider);
                break;
            case [_, "login", var provider, "callback"] when IsProvider(provider):
                await CompleteLoginAsync(http, provider);
                break;
            default:
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }

        return true;
    }

    private bool IsProvider(string name) =>
        _config.Auth?.IdentityProviders?.CustomOpenIdConnectProviders.Keys.Contains(name, StringComparer.OrdinalIgnoreCase) == true;

    private async Task StartLoginAsync(HttpContext http, string provider)
    {
        string? requested = http.Request.Query["post_login_redirect_uri"];
        var redirect = requested == ".referrer"
            ? LocalRedirect(http, http.Request.Headers.Referer.ToString(), "/") ?? "/"
            : LocalRedirect(http, requested, "/");
        if (redirect is null)
        {
            await RefuseReturnAddressAsync(http);
            return;
        }

        var flow = new Flow(provider, RandomToken(), RandomToken(), RandomToken(), redirect);
        http.Response.Cookies.Append(FlowCookieName, _protector.Protect(JsonSerializer.Serialize(flow, JsonSerializerOptions.Web), TimeSpan.FromMinutes(10)), Cookie(http, "/.auth/login/" + provider));

        var discovery = await DiscoveryAsync(http.RequestAborted);
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = _signIn.ClientId,
            ["redirect_uri"] = CallbackUri(http, provider),
            ["scope"] = "openid profile email",
            ["state"] = flow.State,
            ["nonce"] = flow.Nonce,
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(flow.Verifier))),
            ["code_challenge_method"] = "S256",
        };
        http.Response.Redirect(QueryHelpers.AddQueryString(discovery["authorization_endpoint"]!.GetValue<string>(), query));
    }

    private async Task CompleteLoginAsync(HttpContext http, string provider)
    {
        Flow? flow = null;
        try
        {
            flow = http.Request.Cookies.TryGetValue(FlowCookieName, out var c) ? JsonSerializer.Deserialize<Flow>(_protector.Unprotect(c!), JsonSerializerOptions.Web) : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
        }

        http.Response.Cookies.Delete(FlowCookieName, new CookieOptions { Path = "/.auth/login/" + provider });
        string? code = http.Request.Query["code"];
        if (flow is null || flow.State != http.Request.Query["state"] || string.IsNullOrEmpty(code))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await http.Response.WriteAsync("Sign-in did not finish (no matching sign-in in progress, or the provider refused). Try again.");
            return;
        }

        var discovery = await DiscoveryAsync(http.RequestAborted);
        using var tokenResponse = await Http.PostAsync(discovery["token_endpoint"]!.GetValue<string>(), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = CallbackUri(http, provider),
            ["client_id"] = _signIn.ClientId,
            ["code_verifier"] = flow.Verifier,
        }), http.RequestAborted);
        var tokens = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync(http.RequestAborted)) as JsonObject;
        if (!tokenResponse.IsSuccessStatusCode || tokens?["id_token"]?.GetValue<string>() is not { } idToken)
        {
            _logger.LogWarning("The sign-in provider refused the code: {Status} {Body}", (int)tokenResponse.StatusCode, tokens?.ToJsonString());
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await http.Response.WriteAsync("Sign-in did not finish: the sign-in provider refused the code.");
            return;
        }

        // The ID token came straight from the token endpoint over the back channel, so (OIDC Core 3.1.3.7) its
        // issuer, audience and nonce are checked here and its signature is not.
        var claims = ReadClaims(idToken);
        string Claim(string type) => claims.FirstOrDefault(c => c.Typ == type)?.Val ?? "";
        if (Claim("iss").TrimEnd('/') != _signIn.Issuer.TrimEnd('/') || !claims.Any(c => c.Typ == "aud" && c.Val == _signIn.ClientId) || Claim("nonce") != flow.Nonce)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await http.Response.WriteAsync("Sign-in did not finish: the ID token is not for this app.");
            return;
        }

        var kept = claims.Where(c => c.Typ is not ("nonce" or "at_hash" or "c_hash")).ToList();
        var userDetails = Claim("email") is { Length: > 0 } email ? email : Claim("name");
        var custom = await RolesAsync(provider, Claim("sub"), userDetails, kept, tokens["access_token"]?.GetValue<string>(), http.RequestAborted);
        var principal = new ClientPrincipal(provider, Claim("sub"), userDetails, ["anonymous", "authenticated", .. custom], kept);
        http.Response.Cookies.Append(CookieName, Protect(principal), Cookie(http, "/"));
        http.Response.Redirect(flow.Redirect);
    }

    /// <summary>POSTs to auth.rolesSource as Static Web Apps does; no rolesSource or any failure gives no custom roles.</summary>
    private async Task<IReadOnlyList<string>> RolesAsync(string provider, string userId, string userDetails, IReadOnlyList<ClientClaim> claims, string? accessToken, CancellationToken ct)
    {
        if (_config.Auth?.RolesSource is not { Length: > 0 } rolesSource || _functions is null)
        {
            return [];
        }

        var body = JsonSerializer.Serialize(new { identityProvider = provider, userId, userDetails, claims, accessToken }, JsonSerializerOptions.Web);
        var (status, answer) = await _functions.CallAsync("POST", rolesSource, _options.RolesSourceHeaders, body, ct);
        if (status is < 200 or > 299)
        {
            _logger.LogWarning("The rolesSource {RolesSource} answered {Status}; the user gets no custom roles.", rolesSource, status);
            return [];
        }

        var roles = (JsonNode.Parse(answer)?["roles"] as JsonArray)?.Select(r => r?.GetValue<string>()).OfType<string>() ?? [];
        return [.. roles.Where(r => r is not ("anonymous" or "authenticated")).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private async Task<JsonObject> DiscoveryAsync(CancellationToken ct) =>
        _discovery ??= (JsonObject)JsonNode.Parse(await Http.GetStringAsync(_signIn.Issuer.TrimEnd('/') + "/.well-known/openid-configuration", ct))!;

    private static List<ClientClaim> ReadClaims(string jwt)
    {
        var payload = JsonNode.Parse(WebEncoders.Base64UrlDecode(jwt.Split('.')[1]))!.AsObject();
        var claims = new List<ClientClaim>();
        foreach (var (type, value) in payload)
        {
            foreach (var item in value is JsonArray array ? array : [value?.DeepClone()])
            {
                claims.Add(new ClientClaim(type, item is JsonValue v && v.TryGetValue<string>(out var s) ? s : item?.ToJsonString() ?? ""));
            }
        }

        return claims;
    }

    private static string CallbackUri(HttpContext http, string provider) => $"{http.Request.Scheme}://{http.Request.Host}/.auth/login/{provider}/callback";

    /// <summary>Only this app's own pages: a path, or an absolute URL of this origin (reduced to its path).</summary>
    /// <summary>
    /// Where to send someone after sign-in or sign-out: only a path on this site. A foreign or odd address falls back
    /// to <paramref name="fallback"/>; one with control characters or backslashes (which browsers strip or turn into
    /// '/': "/%09/evil.example" becomes "//evil.example") is refused outright (null), never followed.
    /// </summary>
    internal static string? LocalRedirect(HttpContext http, string? target, string fallback)
    {
        if (string.IsNullOrEmpty(target))
        {
            return fallback;
        }

        if (target.Any(c => char.IsControl(c) || c == '\\'))
        {
            return null;
        }

        if (target.StartsWith('/'))
        {
            return target.StartsWith("//", StringComparison.Ordinal) ? fallback : target;
        }

        // (A path is checked first: on Unix, Uri reads "/x" as an absolute file URI.)
        if (Uri.TryCreate(target, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme == http.Request.Scheme && absolute.Authority == http.Request.Host.Value && !absolute.PathAndQuery.StartsWith("//", StringComparison.Ordinal)
                ? absolute.PathAndQuery
                : fallback;
        }

        return fallback;
    }

    private static Task RefuseReturnAddressAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsJsonAsync(
            new { type = "https://httpstatuses.io/400", title = "Bad request", status = 400, detail = "The return address is not a page of this site." },
            JsonSerializerOptions.Web, "application/problem+json");
    }

    private static CookieOptions Cookie(HttpContext http, string path) =>
        new() { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = path, IsEssential = true };

    private static string RandomToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);

    private sealed record Flow(string Provider, string State, string Nonce, string Verifier, string Redirect);
}
