using System.Net.Http.Headers;
using System.Security.Claims;
using Claim = System.Security.Claims.Claim;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedSpa.Functions.Tests.Access;

/// <summary>
/// Walks every HTTP function with every kind of caller and checks each answer against the function's declaration:
/// no token, an expired token, a token signed by someone else, each role, a sign-in no clinic knows, and (for
/// functions that take an id) another clinic's ids, which must look like they do not exist.
/// </summary>
public sealed class AuthorizationMatrixTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly (string Email, Role Role)[] Members =
    [
        ($"admin@{ApiHost.Demo}", Role.Admin),
        ($"frontdesk@{ApiHost.Demo}", Role.FrontDesk),
        ($"injector@{ApiHost.Demo}", Role.Practitioner),
        ($"patient@{ApiHost.Demo}", Role.Patient),
    ];

    public static TheoryData<string> Functions() => HttpFunctions.Names();

    [Fact]
    public void Every_http_function_declares_who_may_call_it()
    {
        var undeclared = HttpFunctions.All.Where(e => !e.IsAnonymous && !e.IsSignedInOnly && e.Roles is null).Select(e => e.ToString()).ToList();

        HttpFunctions.All.Count.ShouldBeGreaterThan(30);
        undeclared.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Each_caller_gets_what_the_declaration_says(string key)
    {
        var endpoint = HttpFunctions.Find(key);
        var id = endpoint.HasId ? await api.FirstIdAsync("demo", endpoint.IdKind!) : null;

        foreach (var (label, token) in new[] { ("no token", (string?)null), ("expired", ExpiredToken()), ("foreign signature", ForeignToken()) })
        {
            var status = await CallAsync(endpoint, id, token);
            if (endpoint.IsAnonymous)
            {
                ((int)status).ShouldBeLessThan(500, $"{endpoint} with {label}");
                status.ShouldNotBe(HttpStatusCode.Forbidden, $"{endpoint} with {label}");
            }
            else
            {
                status.ShouldBe(HttpStatusCode.Unauthorized, $"{endpoint} with {label}");
            }
        }

        foreach (var (email, role) in Members)
        {
            var status = await CallAsync(endpoint, id, api.TokenFor(email));
            var allowed = endpoint.IsAnonymous || endpoint.IsSignedInOnly || (endpoint.Roles!.Value & role) != 0;
            ((int)status).ShouldBeLessThan(500, $"{endpoint} as {role}");
            if (allowed)
            {
                status.ShouldNotBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], $"{endpoint} as {role}");
            }
            else
            {
                status.ShouldBe(HttpStatusCode.Forbidden, $"{endpoint} as {role}");
            }
        }

        var stranger = await CallAsync(endpoint, id, api.TokenFor("stranger@example.com"));
        ((int)stranger).ShouldBeLessThan(500, $"{endpoint} as a sign-in no clinic knows");
        if (!endpoint.IsAnonymous && !endpoint.IsSignedInOnly)
        {
            stranger.ShouldBe(HttpStatusCode.Forbidden, $"{endpoint} as a sign-in no clinic knows");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Another_clinics_ids_look_like_they_do_not_exist(string key)
    {
        var endpoint = HttpFunctions.Find(key);
        if (!endpoint.HasId)
        {
            return;
        }

        var foreignId = await api.FirstIdAsync(ApiHost.OtherTenant, endpoint.IdKind!);
        var before = api.Snapshot();
        var allowedMember = Members.OrderBy(m => m.Role == Role.Patient).First(m => endpoint.Roles is { } roles && (roles & m.Role) != 0);

        var status = await CallAsync(endpoint, foreignId, api.TokenFor(allowedMember.Email), ifMatch: "\"any\"");

        status.ShouldBe(HttpStatusCode.NotFound, endpoint.ToString());
        api.Snapshot().ShouldBe(before);
    }

    private async Task<HttpStatusCode> CallAsync(HttpFunctions.Endpoint endpoint, string? id, string? token, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url(id));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (endpoint.HasBody)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await api.Anonymous().SendAsync(request);
        return response.StatusCode;
    }

    private string ExpiredToken() => api.TokenFor($"admin@{ApiHost.Demo}", TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddHours(-3));

    /// <summary>A token that is right in every way except that our provider did not sign it.</summary>
    private static string ForeignToken()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = "intruder" };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "http://127.0.0.1:7072",
            Audience = "api://medspa",
            Expires = DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("sub", $"admin@{ApiHost.Demo}"), new Claim("email", $"admin@{ApiHost.Demo}")]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }
}
