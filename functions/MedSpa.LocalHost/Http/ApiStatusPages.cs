using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace MedSpa.LocalHost.Http;

/// <summary>
/// What LocalHost itself answers under the API prefix when no function does (an unknown path: 404; a known path with
/// another method: 405): problem+json like every other API error, with the API's no-store and nosniff headers.
/// </summary>
internal static class ApiStatusPages
{
    public static void Use(WebApplication app, string routePrefix)
    {
        var prefix = "/" + routePrefix.Trim('/');
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!http.Request.Path.StartsWithSegments(prefix))
            {
                return;
            }

            var status = http.Response.StatusCode;
            var (title, detail) = status switch
            {
                StatusCodes.Status404NotFound => ("Not found", "There is no such endpoint."),
                StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"{http.Request.Method} is not allowed here. Allowed: {http.Response.Headers.Allow}."),
                _ => ("Request failed", "The request could not be completed."),
            };
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.ContentType = "application/problem+json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                type = $"https://httpstatuses.io/{status}",
                title,
                status,
                detail,
            }));
        });
    }
}
