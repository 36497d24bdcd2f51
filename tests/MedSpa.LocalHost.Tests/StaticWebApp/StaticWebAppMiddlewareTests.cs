using System.Text.Json;
using MedSpa.LocalHost.SignIn;
using MedSpa.LocalHost.StaticWebApp;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedSpa.LocalHost.Tests.StaticWebApp;

/// <summary>The web app is served by the rules of the repository's own staticwebapp.config.json, as Azure would.</summary>
public sealed class StaticWebAppMiddlewareTests : IDisposable
{
    private static readonly string RepoConfig = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../staticwebapp.config.json"));
    private readonly string _webRoot = Directory.CreateTempSubdirectory("medspa-swa-").FullName;
    private readonly StaticWebAppMiddleware _middleware;
    private readonly StaticWebAppAuth _auth;
    private bool _passedOn;

    public StaticWebAppMiddlewareTests()
    {
        File.WriteAllText(Path.Combine(_webRoot, "index.html"), "<!doctype html><title>MedSpa</title>");
        Directory.CreateDirectory(Path.Combine(_webRoot, "assets"));
        File.WriteAllText(Path.Combine(_webRoot, "assets", "app.js"), "console.log('hi')");
        var config = StaticWebAppConfig.Load(RepoConfig);
        _auth = new StaticWebAppAuth(config, Options.Create(new LocalSignInOptions()), Options.Create(new StaticWebAppAuthOptions()), new EphemeralDataProtectionProvider(), NullLogger<StaticWebAppAuth>.Instance);
        _middleware = new StaticWebAppMiddleware(_ => { _passedOn = true; return Task.CompletedTask; }, config, _webRoot, "api", _auth);
    }

    public void Dispose() => Directory.Delete(_webRoot, recursive: true);

    private async Task<HttpContext> GetAsync(string path, params string[] roles)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        if (roles.Length > 0)
        {
            var principal = new ClientPrincipal("medspa", "u1", "someone@demo.medspa.test", ["anonymous", "authenticated", .. roles.Where(r => r != "authenticated")], []);
            context.Request.Headers.Cookie = $"{StaticWebAppAuth.CookieName}={_auth.Protect(principal)}";
        }

        context.Response.Body = new MemoryStream();
        await _middleware.InvokeAsync(context);
        return context;
    }

    [Fact]
    public void The_repository_config_exists_and_has_a_navigation_fallback() =>
        StaticWebAppConfig.Load(RepoConfig).NavigationFallback!.Rewrite.ShouldBe("/index.html");

    [Fact]
    public async Task A_deep_link_into_the_spa_falls_back_to_index_html_with_the_security_headers()
    {
        var context = await GetAsync("/staff/services/new", "admin");

        context.Response.StatusCode.ShouldBe(200);
        context.Response.ContentType.ShouldBe("text/html");
        context.Response.Headers["Content-Security-Policy"].ToString().ShouldContain("frame-ancestors 'none'");
        context.Response.Headers["Strict-Transport-Security"].ToString().ShouldContain("max-age=");
        context.Response.Headers["X-Content-Type-Options"].ToString().ShouldBe("nosniff");
    }

    [Fact]
    public async Task Assets_are_served_with_their_type_and_long_caching()
    {
        var context = await GetAsync("/assets/app.js");

        context.Response.StatusCode.ShouldBe(200);
        context.Response.ContentType.ShouldBe("text/javascript");
        context.Response.Headers.CacheControl.ToString().ShouldContain("immutable");
    }

    [Fact]
    public async Task A_missing_asset_is_not_answered_with_the_spa()
    {
        var context = await GetAsync("/assets/missing.js");

        _passedOn.ShouldBeTrue();
        context.Response.ContentType.ShouldBeNull();
    }

    [Fact]
    public async Task Api_routes_are_left_to_the_functions()
    {
        await GetAsync("/api/health");

        _passedOn.ShouldBeTrue();
    }

    [Theory]
    [InlineData("/assets/*", "/assets/a/b.js", true)]
    [InlineData("/api/*", "/apis", false)]
    [InlineData("*.{css,js}", "/x/y.css", true)]
    [InlineData("*.{css,js}", "/x/y.html", false)]
    public void Globs_match_as_static_web_apps_documents(string glob, string path, bool expected) =>
        StaticWebAppConfig.Matches(glob, path).ShouldBe(expected);

    [Theory]
    [InlineData("/staff")]
    [InlineData("/staff/services/new")]
    [InlineData("/patient/appointments")]
    public async Task A_signed_out_visitor_to_a_protected_page_is_sent_to_sign_in_and_back(string path)
    {
        var context = await GetAsync(path);

        context.Response.StatusCode.ShouldBe(302);
        context.Response.Headers.Location.ToString().ShouldBe("/.auth/login/medspa?post_login_redirect_uri=" + Uri.EscapeDataString(path));
    }

    [Fact]
    public async Task A_user_without_the_role_gets_403_with_the_spa_to_say_so()
    {
        var context = await GetAsync("/staff/services", "patient");

        context.Response.StatusCode.ShouldBe(403);
        context.Response.ContentType.ShouldBe("text/html");
        context.Response.Headers["Content-Security-Policy"].ToString().ShouldContain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task Signed_in_without_any_custom_role_is_still_403_not_a_sign_in_loop()
    {
        var context = await GetAsync("/patient", "authenticated");

        context.Response.StatusCode.ShouldBe(403);
    }

    [Theory]
    [InlineData("/staff/services", "frontdesk")]
    [InlineData("/staff", "practitioner")]
    [InlineData("/patient/appointments", "patient")]
    public async Task A_user_with_the_role_gets_the_page(string path, string role)
    {
        var context = await GetAsync(path, role);

        context.Response.StatusCode.ShouldBe(200);
        _passedOn.ShouldBeFalse();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/auth/callback")]
    [InlineData("/assets/app.js")]
    public async Task The_landing_page_the_spa_callback_and_assets_are_open_to_everyone(string path)
    {
        var context = await GetAsync(path);

        context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task A_forged_auth_cookie_counts_as_signed_out()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/staff";
        context.Request.Headers.Cookie = $"{StaticWebAppAuth.CookieName}=not-a-protected-principal";
        context.Response.Body = new MemoryStream();

        await _middleware.InvokeAsync(context);

        context.Response.StatusCode.ShouldBe(302);
    }

    [Fact]
    public async Task Auth_me_answers_null_for_a_signed_out_visitor()
    {
        var context = await GetAsync("/.auth/me");

        (await BodyOf(context)).RootElement.GetProperty("clientPrincipal").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Auth_me_answers_the_client_principal_with_its_roles()
    {
        var context = await GetAsync("/.auth/me", "frontdesk");

        var principal = (await BodyOf(context)).RootElement.GetProperty("clientPrincipal");
        principal.GetProperty("identityProvider").GetString().ShouldBe("medspa");
        principal.GetProperty("userDetails").GetString().ShouldBe("someone@demo.medspa.test");
        principal.GetProperty("userRoles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["anonymous", "authenticated", "frontdesk"]);
    }

    [Fact]
    public async Task Auth_logout_clears_the_cookie_and_goes_home()
    {
        var context = await GetAsync("/.auth/logout", "admin");

        context.Response.StatusCode.ShouldBe(302);
        context.Response.Headers.Location.ToString().ShouldBe("/");
        context.Response.Headers.SetCookie.ToString().ShouldContain(StaticWebAppAuth.CookieName + "=;");
    }

    [Fact]
    public async Task An_unknown_provider_is_404()
    {
        var context = await GetAsync("/.auth/login/github");

        context.Response.StatusCode.ShouldBe(404);
    }

    private static async Task<JsonDocument> BodyOf(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return await JsonDocument.ParseAsync(context.Response.Body);
    }
}
