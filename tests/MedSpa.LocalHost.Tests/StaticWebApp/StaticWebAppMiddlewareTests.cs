using MedSpa.LocalHost.StaticWebApp;
using Microsoft.AspNetCore.Http;

namespace MedSpa.LocalHost.Tests.StaticWebApp;

/// <summary>The web app is served by the rules of the repository's own staticwebapp.config.json, as Azure would.</summary>
public sealed class StaticWebAppMiddlewareTests : IDisposable
{
    private static readonly string RepoConfig = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../staticwebapp.config.json"));
    private readonly string _webRoot = Directory.CreateTempSubdirectory("medspa-swa-").FullName;
    private readonly StaticWebAppMiddleware _middleware;
    private bool _passedOn;

    public StaticWebAppMiddlewareTests()
    {
        File.WriteAllText(Path.Combine(_webRoot, "index.html"), "<!doctype html><title>MedSpa</title>");
        Directory.CreateDirectory(Path.Combine(_webRoot, "assets"));
        File.WriteAllText(Path.Combine(_webRoot, "assets", "app.js"), "console.log('hi')");
        _middleware = new StaticWebAppMiddleware(_ => { _passedOn = true; return Task.CompletedTask; }, StaticWebAppConfig.Load(RepoConfig), _webRoot, "api");
    }

    public void Dispose() => Directory.Delete(_webRoot, recursive: true);

    private async Task<HttpContext> GetAsync(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
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
        var context = await GetAsync("/staff/services/new");

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
}
