using System.Security.Claims;
using System.Security.Cryptography;
using MedSpa.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace MedSpa.Infrastructure.Tests.Identity;

/// <summary>
/// The Azure modes validate with the JWT bearer options Microsoft.Identity.Web configures, which read the tenant's
/// OpenID configuration and keys over HTTPS (and Identity.Web's issuer validator reads it again). The tests cannot reach
/// Entra, so both HTTP clients are handed a fake of the tenant's two metadata documents.
/// </summary>
public sealed class MicrosoftIdentityTokenValidatorTests
{
    private const string TenantId = "6f1c2f4e-4b1a-4c7e-9d0a-2b7c1e8f9a10";
    private const string ApiClientId = "0b8e4d1c-7a2f-4e55-b6c3-9d1f2a3b4c5d";
    private static readonly string EntraIssuer = $"https://{TenantId}.ciamlogin.com/{TenantId}/v2.0";
    private static readonly RsaSecurityKey TenantKey = new(RSA.Create(2048)) { KeyId = "tenant-key" };

    private static IAccessTokenValidator Validator(IdentityOptions identity, string publishedIssuer, SecurityKey publishedKey)
    {
        var tenant = new TenantMetadata(identity.Authority, publishedIssuer, publishedKey);
        var services = HostServices();
        services.AddMedSpaIdentity(identity);
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = tenant);
        services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = "tenant-metadata");
        services.AddHttpClient("tenant-metadata").ConfigurePrimaryHttpMessageHandler(() => tenant);
        return services.BuildServiceProvider().GetRequiredService<IAccessTokenValidator>();
    }

    /// <summary>What every host provides (Functions and LocalHost alike): logging and configuration.</summary>
    private static IServiceCollection HostServices() =>
        new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());

    /// <summary>The authority's /.well-known/openid-configuration and its JWKS, as Entra serves them; 404 for anything else.</summary>
    private sealed class TenantMetadata(string authority, string issuer, SecurityKey key) : HttpMessageHandler
    {
        private readonly string _configuration = authority.TrimEnd('/') + "/.well-known/openid-configuration";
        private readonly string _keys = authority.TrimEnd('/') + "/discovery/v2.0/keys";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.GetLeftPart(UriPartial.Path);
            var body = url == _configuration
                ? JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = issuer,
                    ["jwks_uri"] = _keys,
                    ["authorization_endpoint"] = authority.TrimEnd('/') + "/oauth2/v2.0/authorize",
                    ["token_endpoint"] = authority.TrimEnd('/') + "/oauth2/v2.0/token",
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                })
                : url == _keys
                    ? JsonSerializer.Serialize(new { keys = new[] { PublicJwk() } })
                    : null;
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }

        private Dictionary<string, string> PublicJwk()
        {
            var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(key);
            return new() { ["kty"] = jwk.Kty, ["kid"] = jwk.Kid, ["use"] = "sig", ["n"] = jwk.N, ["e"] = jwk.E };
        }
    }

    private static IdentityOptions Entra() => new()
    {
        Mode = "entra",
        Authority = $"https://medspa.ciamlogin.com/{TenantId}/v2.0",
        Audience = ApiClientId,
        ClientId = "spa-client-id",
    };

    private static string Token(string issuer, string audience, string tenant, SecurityKey key, DateTime? expires = null, string? email = "pat@example.test") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2),
            IssuedAt = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2),
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", "subject-1"), new Claim("oid", "object-1"), new Claim("tid", tenant), new Claim("name", "Pat Patient"),
                .. email is null ? Array.Empty<Claim>() : [new Claim("email", email)],
            ]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    [Fact]
    public void Azure_modes_register_the_Identity_Web_validator_and_no_dev_tokens()
    {
        var services = HostServices().AddMedSpaIdentity(Entra()).BuildServiceProvider();

        services.GetRequiredService<IAccessTokenValidator>().ShouldBeOfType<MicrosoftIdentityTokenValidator>();
        services.GetService<DevTokenIssuer>().ShouldBeNull();
    }

    [Fact]
    public async Task An_Entra_External_ID_token_for_our_API_names_the_user()
    {
        var validator = Validator(Entra(), EntraIssuer, TenantKey);

        var (user, failure) = await validator.ValidateAsync(Token(EntraIssuer, ApiClientId, TenantId, TenantKey), CancellationToken.None);

        failure.ShouldBeNull();
        user.ShouldBe(new SignedInUser("subject-1", "pat@example.test", "Pat Patient"));
    }

    [Fact]
    public async Task A_token_for_another_API_is_refused()
    {
        var validator = Validator(Entra(), EntraIssuer, TenantKey);

        var (user, failure) = await validator.ValidateAsync(Token(EntraIssuer, "another-api", TenantId, TenantKey), CancellationToken.None);

        user.ShouldBeNull();
        failure.ShouldBe("The access token is not for this API.");
    }

    [Fact]
    public async Task A_token_from_another_tenant_is_refused()
    {
        const string otherTenant = "11111111-2222-3333-4444-555555555555";
        var validator = Validator(Entra(), EntraIssuer, TenantKey);
        var token = Token($"https://{otherTenant}.ciamlogin.com/{otherTenant}/v2.0", ApiClientId, otherTenant, TenantKey);

        var (user, failure) = await validator.ValidateAsync(token, CancellationToken.None);

        user.ShouldBeNull();
        failure.ShouldBe("The access token is from an unknown issuer.");
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_tenant_does_not_publish_is_refused()
    {
        var validator = Validator(Entra(), EntraIssuer, TenantKey);
        var forger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "tenant-key" };

        var (user, failure) = await validator.ValidateAsync(Token(EntraIssuer, ApiClientId, TenantId, forger), CancellationToken.None);

        user.ShouldBeNull();
        failure.ShouldBe("The access token's signature is not valid.");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var validator = Validator(Entra(), EntraIssuer, TenantKey);

        var (user, failure) = await validator.ValidateAsync(Token(EntraIssuer, ApiClientId, TenantId, TenantKey, DateTime.UtcNow.AddMinutes(-10)), CancellationToken.None);

        user.ShouldBeNull();
        failure.ShouldBe("The access token has expired.");
    }

    [Fact]
    public async Task A_token_without_an_email_is_refused()
    {
        var validator = Validator(Entra(), EntraIssuer, TenantKey);

        var (user, failure) = await validator.ValidateAsync(Token(EntraIssuer, ApiClientId, TenantId, TenantKey, email: null), CancellationToken.None);

        user.ShouldBeNull();
        failure.ShouldBe("The access token carries no email or subject.");
    }

    [Fact]
    public async Task The_issuer_the_deployment_sets_explicitly_still_refuses_other_tenants()
    {
        const string otherTenant = "11111111-2222-3333-4444-555555555555";
        var identity = Entra();
        identity.Issuer = EntraIssuer;
        var validator = Validator(identity, EntraIssuer, TenantKey);

        var ours = await validator.ValidateAsync(Token(EntraIssuer, ApiClientId, TenantId, TenantKey), CancellationToken.None);
        var theirs = await validator.ValidateAsync(
            Token($"https://{otherTenant}.ciamlogin.com/{otherTenant}/v2.0", ApiClientId, otherTenant, TenantKey), CancellationToken.None);

        ours.Failure.ShouldBeNull();
        theirs.Failure.ShouldBe("The access token is from an unknown issuer.");
    }

    [Fact]
    public async Task An_existing_B2C_tenant_still_signs_people_in()
    {
        const string b2cIssuer = $"https://medspab2c.b2clogin.com/{TenantId}/v2.0/";
        var identity = new IdentityOptions
        {
            Mode = "b2c",
            Authority = "https://medspab2c.b2clogin.com/medspab2c.onmicrosoft.com/B2C_1_signupsignin/v2.0",
            Issuer = b2cIssuer,
            Audience = ApiClientId,
        };
        var validator = Validator(identity, b2cIssuer, TenantKey);

        var (user, failure) = await validator.ValidateAsync(Token(b2cIssuer, ApiClientId, TenantId, TenantKey), CancellationToken.None);

        failure.ShouldBeNull();
        user!.Email.ShouldBe("pat@example.test");
    }

    [Theory]
    [InlineData("entra", "http://medspa.ciamlogin.com/tenant/v2.0")]
    [InlineData("entra", "https://medspa.ciamlogin.com/")]
    [InlineData("b2c", "https://medspab2c.b2clogin.com/medspab2c.onmicrosoft.com/v2.0")]
    [InlineData("azure-ad", "https://login.microsoftonline.com/tenant/v2.0")]
    public void A_misconfigured_identity_stops_the_app_at_start(string mode, string authority)
    {
        var identity = new IdentityOptions { Mode = mode, Authority = authority, Audience = ApiClientId };

        Should.Throw<InvalidOperationException>(() => new ServiceCollection().AddMedSpaIdentity(identity));
    }
}
