using MedSpa.LocalHost.Http;
using MedSpa.LocalHost.StaticWebApp;
using Microsoft.Extensions.Options;

namespace MedSpa.Functions.Tests.Platform;

/// <summary>POST /api/auth/roles, staticwebapp.config.json's rolesSource: our directory's role for the email claim.</summary>
public sealed class RolesSourceTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static object SignIn(string email) => new
    {
        identityProvider = "medspa",
        userId = email,
        userDetails = email,
        claims = new[] { new { typ = "sub", val = email }, new { typ = "email", val = email } },
    };

    private Task<HttpResponseMessage> PostAsync(object body, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/roles") { Content = JsonContent.Create(body) };
        if (secret is not null)
        {
            request.Headers.Add(RolesSourceOptions.HeaderName, secret);
        }

        return api.Anonymous().SendAsync(request);
    }

    private string Secret => api.Services.GetRequiredService<RolesSourceOptions>().Secret;

    private static string[] RolesOf(JsonObject body) => [.. body["roles"]!.AsArray().Select(r => r!.GetValue<string>())];

    [Theory]
    [InlineData("admin@demo.medspa.test", "admin")]
    [InlineData("injector@demo.medspa.test", "practitioner")]
    [InlineData("patient@demo.medspa.test", "patient")]
    public async Task Static_web_apps_gets_the_directory_role_for_the_email_claim(string email, string role)
    {
        var response = await PostAsync(SignIn(email), Secret);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        RolesOf(await response.JsonAsync()).ShouldBe([role]);
    }

    [Fact]
    public async Task An_email_no_clinic_knows_gets_no_roles()
    {
        var response = await PostAsync(SignIn("stranger@example.com"), Secret);

        RolesOf(await response.JsonAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("guess")]
    public async Task A_caller_without_the_shared_secret_is_told_there_is_no_such_endpoint(string? secret)
    {
        var response = await PostAsync(SignIn("admin@demo.medspa.test"), secret);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/roles") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(RolesSourceOptions.HeaderName, Secret);

        var response = await api.Anonymous().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LocalHost_calls_it_in_process_with_the_secret_it_was_given()
    {
        var headers = api.Services.GetRequiredService<IOptions<StaticWebAppAuthOptions>>().Value.RolesSourceHeaders;
        var caller = api.Services.GetRequiredService<LocalFunctionCaller>();

        var (status, body) = await caller.CallAsync("POST", "/api/auth/roles", headers, System.Text.Json.JsonSerializer.Serialize(SignIn("frontdesk@demo.medspa.test")), CancellationToken.None);

        status.ShouldBe(200);
        RolesOf(JsonNode.Parse(body)!.AsObject()).ShouldBe(["frontdesk"]);
    }
}
