namespace MedSpa.Functions.Tests.Platform;

public sealed class HealthAndSignInTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Health_reports_the_version_and_the_adapters_in_use()
    {
        var response = await api.Anonymous().GetAsync("/api/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body["status"]!.GetValue<string>().ShouldBe("ok");
        body["version"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        body["store"]!.GetValue<string>().ShouldBe("sqlite");
        body["fileStore"]!.GetValue<string>().ShouldBe("local-folder");
        body["identityProvider"]!.GetValue<string>().ShouldBe("local-oidc");
    }

    [Fact]
    public async Task Auth_config_gives_the_web_app_what_it_needs_for_code_and_pkce()
    {
        var body = await (await api.Anonymous().GetAsync("/api/auth/config")).JsonAsync();

        body["authority"]!.GetValue<string>().ShouldBe("http://127.0.0.1:7072");
        body["clientId"]!.GetValue<string>().ShouldBe("medspa-web");
        body["scopes"]!.GetValue<string>().ShouldContain("openid");
        body["mode"]!.GetValue<string>().ShouldBe("local");
    }

    [Fact]
    public async Task A_dev_token_signs_a_demo_user_in_with_their_role_from_the_directory()
    {
        var token = await api.Anonymous().PostAsJsonAsync("/api/dev/token", new { email = "injector@demo.medspa.test" });
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.JsonAsync())["accessToken"]!.GetValue<string>());

        var me = await (await client.GetAsync("/api/me")).JsonAsync();

        me["email"]!.GetValue<string>().ShouldBe("injector@demo.medspa.test");
        me["role"]!.GetValue<string>().ShouldBe("practitioner");
        me["tenantId"]!.GetValue<string>().ShouldBe("demo");
        me["staffId"]!.GetValue<string>().ShouldStartWith("staff-");
    }

    [Fact]
    public async Task The_demo_patient_is_linked_to_their_patient_record()
    {
        var me = await (await api.As("patient@demo.medspa.test").GetAsync("/api/me")).JsonAsync();

        me["role"]!.GetValue<string>().ShouldBe("patient");
        me["patientId"]!.GetValue<string>().ShouldBe("patient-demo-0000");
    }

    [Fact]
    public async Task A_valid_sign_in_that_no_clinic_knows_is_told_it_is_not_linked()
    {
        var response = await api.As("stranger@example.com").GetAsync("/api/me");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("not linked");
    }

    [Fact]
    public async Task Dev_token_rejects_a_missing_email_with_a_field_error()
    {
        var response = await api.Anonymous().PostAsJsonAsync("/api/dev/token", new { name = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!["email"].ShouldNotBeNull();
    }
}

public sealed class OutsideLocalModeTests : IAsyncLifetime
{
    private readonly ApiHost _api = new() { Mode = "entra", Authority = "https://medspa.ciamlogin.com/6f1c2f4e-4b1a-4c7e-9d0a-2b7c1e8f9a10/v2.0" };

    public Task InitializeAsync() => _api.InitializeAsync();

    public Task DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task Dev_token_does_not_exist_outside_local_mode()
    {
        var response = await _api.Anonymous().PostAsJsonAsync("/api/dev/token", new { email = "admin@demo.medspa.test" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
