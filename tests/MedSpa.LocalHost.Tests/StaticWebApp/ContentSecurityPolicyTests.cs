using MedSpa.LocalHost.StaticWebApp;

namespace MedSpa.LocalHost.Tests.StaticWebApp;

/// <summary>The policy that ships to Azure names no local address; a local run adds its own sign-in provider.</summary>
public sealed class ContentSecurityPolicyTests
{
    private static readonly string RepoConfig = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../staticwebapp.config.json"));

    private static string Sources(StaticWebAppConfig config, string directive) =>
        config.GlobalHeaders["Content-Security-Policy"].Split(';').Select(d => d.Trim()).Single(d => d.StartsWith(directive + " ", StringComparison.Ordinal));

    private static string ConnectSources(StaticWebAppConfig config) => Sources(config, "connect-src");

    [Fact]
    public void The_shipped_policy_connects_only_to_this_site_the_sign_in_tenants_Stripe_and_Azure_SignalR()
    {
        var connect = ConnectSources(StaticWebAppConfig.Load(RepoConfig));

        connect.ShouldNotContain("127.0.0.1");
        connect.ShouldNotContain("localhost");
        connect.ShouldNotContain("http:");
        // Live calendars listen to Azure SignalR Service (its negotiate sends them there, over HTTPS and secure WebSockets).
        connect.Split(' ').Skip(1).ShouldBe(["'self'", "https://*.ciamlogin.com", "https://*.b2clogin.com", "https://api.stripe.com", "https://*.service.signalr.net", "wss://*.service.signalr.net"]);
    }

    [Fact]
    public void The_shipped_policy_runs_scripts_only_from_this_site_and_Stripe_and_workers_also_from_blobs_never_eval()
    {
        var config = StaticWebAppConfig.Load(RepoConfig);

        // Stripe.js must load from js.stripe.com (never bundled); its Payment Element and 3-D Secure run in Stripe's frames.
        Sources(config, "script-src").ShouldBe("script-src 'self' https://js.stripe.com"); // no unsafe-eval, no unsafe-inline
        Sources(config, "frame-src").ShouldBe("frame-src https://js.stripe.com https://hooks.stripe.com");
        Sources(config, "worker-src").ShouldBe("worker-src 'self' blob:"); // the HEIC converter's worker is made from a blob
    }

    [Fact]
    public void A_local_run_adds_its_sign_in_provider_and_its_blob_emulator_once()
    {
        var config = StaticWebAppConfig.Load(RepoConfig);
        Sources(config, "img-src").ShouldNotContain("http:"); // photos' links in Azure are https

        config.Allow("connect-src", "http://127.0.0.1:7072");
        config.Allow("connect-src", "http://127.0.0.1:7072");
        config.Allow("img-src", "http://127.0.0.1:10000");

        ConnectSources(config).Split(' ').Count(s => s == "http://127.0.0.1:7072").ShouldBe(1);
        Sources(config, "img-src").Split(' ').ShouldContain("http://127.0.0.1:10000");
        ConnectSources(config).ShouldNotContain("10000");
        config.GlobalHeaders["Content-Security-Policy"].ShouldContain("frame-ancestors 'none'");
    }
}
