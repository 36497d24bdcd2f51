using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedSpa.Fakes.Stripe;

/// <summary>
/// The fake's HTTP face, as api.stripe.com's: bearer (or basic) authentication with the account's keys, form bodies for
/// POST and query strings for GET, JSON answers with <c>Request-Id</c>, <c>Idempotency-Key</c> and
/// <c>Idempotent-Replayed</c>, and CORS for Stripe.js's calls from the browser.
/// </summary>
public static class StripeFakeEndpoints
{
    /// <summary>A web app serving the fake: on its own port for the local run, or on a test server (<paramref name="customize"/>).</summary>
    public static WebApplication Build(StripeFake fake, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddCors();
        builder.WebHost.UseUrls($"http://127.0.0.1:{fake.Options.Port}");
        customize?.Invoke(builder);
        var app = builder.Build();
        app.UseCors(p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Request-Id"));
        app.MapMethods("/{**path}", ["GET", "POST", "DELETE"], (HttpContext http) => HandleAsync(fake, http));
        return app;
    }

    private static async Task HandleAsync(StripeFake fake, HttpContext http)
    {
        var requestId = $"req_{Guid.NewGuid():N}"[..18];
        http.Response.Headers["Request-Id"] = requestId;
        http.Response.Headers["Stripe-Version"] = global::Stripe.StripeConfiguration.ApiVersion;
        var caller = CallerOf(http.Request.Headers.Authorization.ToString(), fake.Options);
        if (caller is null)
        {
            await WriteAsync(http, StripeResponse.Error(401, "invalid_request_error", null,
                "Invalid API Key provided. You did not provide a valid API key; use the fake's test key (Stripe__SecretKey unset uses it)."));
            return;
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (http.Request.HasFormContentType)
        {
            foreach (var (key, value) in await http.Request.ReadFormAsync(http.RequestAborted))
            {
                form[key] = value.ToString();
            }
        }

        foreach (var (key, value) in http.Request.Query)
        {
            form[key] = value.ToString();
        }

        var idempotencyKey = http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;
        if (idempotencyKey is not null)
        {
            http.Response.Headers["Idempotency-Key"] = idempotencyKey;
        }

        var response = fake.Handle(new StripeRequest(http.Request.Method, http.Request.Path.Value ?? "/", form, caller.Value, idempotencyKey));
        if (response.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        await WriteAsync(http, response);
    }

    private static StripeCaller? CallerOf(string authorization, StripeFakeOptions options)
    {
        var key = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..].Trim()
            : authorization.StartsWith("Basic ", StringComparison.Ordinal) ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim())).TrimEnd(':')
            : null;
        return key == options.SecretKey ? StripeCaller.Server : key == options.PublishableKey ? StripeCaller.Browser : null;
    }

    private static Task WriteAsync(HttpContext http, StripeResponse response)
    {
        http.Response.StatusCode = response.Status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(response.Body.ToJsonString(), http.RequestAborted);
    }
}

/// <summary>The local run's Stripe: the fake on its own port, sending its webhooks to the app.</summary>
public sealed class StripeFakeServer(StripeFake fake, StripeWebhookDelivery webhooks, ILogger<StripeFakeServer> logger) : FakeServer
{
    protected override WebApplication Build() => StripeFakeEndpoints.Build(fake);

    protected override void Started()
    {
        webhooks.Start(Client);
        logger.LogInformation("Test payments: a local Stripe fake at http://127.0.0.1:{Port} (no real card is charged).", fake.Options.Port);
    }
}
