using System.Text.Json.Nodes;
using MedSpa.LocalHost.Durable;
using MedSpa.LocalHost.Hosting;
using MedSpa.LocalHost.Http;
using MedSpa.LocalHost.SignIn;
using MedSpa.LocalHost.StaticWebApp;
using MedSpa.LocalHost.Timers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Azure.Functions.Worker;

namespace MedSpa.LocalHost;

/// <summary>
/// Runs an isolated-worker Functions app on one machine, as `func start` would: HTTP triggers under the route
/// prefix, the worker middleware pipeline, timer triggers, the built web app, and the local sign-in provider.
/// </summary>
public static class LocalFunctionsHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static async Task RunAsync(string[] args, Assembly functionsAssembly, Action<IFunctionsWorkerApplicationBuilder, IConfiguration> configure)
    {
        var app = Build(args, functionsAssembly, configure);
        await app.RunAsync();
    }

    /// <param name="customize">Lets tests swap services or use a test server before the app is built.</param>
    public static WebApplication Build(
        string[] args,
        Assembly functionsAssembly,
        Action<IFunctionsWorkerApplicationBuilder, IConfiguration> configure,
        Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Per-request framework logs drown the app's own lines on a console; appsettings or --Logging:... can turn them back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.Services.AddMvcCore();

        // Large JSON (a week of slots, a month's calendar) and the web app's scripts go out compressed when the client
        // asks; Brotli at its fastest level costs less CPU than the bytes it saves on a phone's connection.
        builder.Services.AddResponseCompression(o =>
        {
            o.MimeTypes = ["application/json", "application/problem+json", "text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"];
        });
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Above the largest body a function takes (a 20 MB photo), so that the function answers an oversize one itself, with a problem.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 24 * 1024 * 1024);
        builder.Services.AddOptions<LocalSignInOptions>().Bind(builder.Configuration.GetSection("LocalSignIn"));
        builder.Services.AddHostedService<LocalSignInProvider>();
        builder.Services.AddOptions<Storage.LocalAzuriteOptions>().Bind(builder.Configuration.GetSection("LocalAzurite"));
        builder.Services.AddHostedService<Storage.LocalAzurite>();
        // Azure SignalR Service's part: live updates to browsers, in the service's serverless client protocol.
        SignalR.LocalSignalRService.AddTo(builder.Services);

        var worker = new LocalWorkerApplicationBuilder(builder.Services);
        configure(worker, builder.Configuration);
        customize?.Invoke(builder);

        // The Durable Functions extension's part: orchestrators and activities of the app run on the local engine.
        builder.Services.AddLocalDurableTask(o =>
        {
            o.DatabasePath = builder.Configuration["Durable:DatabasePath"]
                ?? Path.Combine(Path.GetFullPath(builder.Configuration["DataDir"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".data")), "durable.db");
            o.Functions.AddFunctionsFrom(functionsAssembly);
        });

        var functions = FunctionCatalog.Discover(functionsAssembly);
        var pipeline = worker.Build(FunctionInvoker.InvokeAsync);
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<TimerTriggerScheduler>(sp, functions, pipeline));

        // Static Web Apps' part: the web app served by staticwebapp.config.json, with its built-in auth (/.auth/*)
        // and role-protected routes; roles come from the app's rolesSource function, called in process.
        var routePrefix = ReadRoutePrefix(Path.Combine(AppContext.BaseDirectory, "host.json"));
        var swaConfig = StaticWebAppConfig.Load(Path.Combine(AppContext.BaseDirectory, "staticwebapp.config.json"));
        builder.Services.AddDataProtection();
        builder.Services.AddOptions<StaticWebAppAuthOptions>();
        builder.Services.AddSingleton(sp => new LocalFunctionCaller(sp, functions, pipeline, routePrefix));
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StaticWebAppAuth>(sp, swaConfig, sp.GetRequiredService<LocalFunctionCaller>()));

        var app = builder.Build();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LocalSignInOptions>>().Value is { Enabled: true } signIn)
        {
            // The page signs in against the local provider (token endpoint via fetch): allow that origin, locally only.
            swaConfig.Allow("connect-src", new Uri(signIn.Issuer).GetLeftPart(UriPartial.Authority));
        }

        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Storage.LocalAzuriteOptions>>().Value is { Enabled: true } azurite)
        {
            // Photos are shown from the local blob store through their short-lived links, as from the storage account in Azure.
            swaConfig.Allow("img-src", $"http://127.0.0.1:{azurite.Port}");
        }

        foreach (var local in app.Services.GetServices<LocalOrigin>())
        {
            swaConfig.Allow(local.Directive, local.Origin);
        }

        app.UseResponseCompression();
        var webRoot = builder.Configuration["WebRoot"] ?? MetadataOf(functionsAssembly, "WebRoot") ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
        app.UseMiddleware<StaticWebAppMiddleware>(swaConfig, webRoot, routePrefix, app.Services.GetRequiredService<StaticWebAppAuth>());
        ApiStatusPages.Use(app, routePrefix);
        app.UseRouting();
        app.UseWebSockets();
        SignalR.LocalSignalRService.MapTo(app);
        HttpTriggerEndpoints.Map(app, functions, pipeline, routePrefix);
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "MedSpa is running: {Urls} (API under /{Prefix}, {Count} functions). Ctrl-C stops it.",
            string.Join(", ", app.Urls), routePrefix, functions.Count));
        return app;
    }

    public static string? MetadataOf(Assembly assembly, string key) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    /// <summary>host.json's extensions.http.routePrefix, "api" when absent, as in the Functions host.</summary>
    private static string ReadRoutePrefix(string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
        {
            return "api";
        }

        var prefix = JsonNode.Parse(File.ReadAllText(hostJsonPath))?["extensions"]?["http"]?["routePrefix"]?.GetValue<string>();
        return prefix ?? "api";
    }
}
