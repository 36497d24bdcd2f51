using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace MedSpa.LocalHost.StaticWebApp;

/// <summary>
/// Serves the built web app the way Azure Static Web Apps would, from staticwebapp.config.json: route rules
/// (headers, rewrites, redirects), the navigation fallback with its exclusions, global headers and mime types.
/// That file is therefore exercised by every local run and e2e test. API routes are left to the functions.
/// </summary>
public sealed class StaticWebAppMiddleware(RequestDelegate next, StaticWebAppConfig config, string webRoot, string apiPrefix)
{
    private readonly PhysicalFileProvider? _files = Directory.Exists(webRoot) ? new PhysicalFileProvider(Path.GetFullPath(webRoot)) : null;
    private readonly FileExtensionContentTypeProvider _contentTypes = CreateContentTypes(config);

    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.StartsWith("/" + apiPrefix.Trim('/') + "/", StringComparison.OrdinalIgnoreCase) || !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await next(http);
            return;
        }

        var rule = config.Routes.FirstOrDefault(r => StaticWebAppConfig.Matches(r.Route, path));
        if (rule?.Redirect is { } redirect)
        {
            http.Response.StatusCode = rule.StatusCode ?? StatusCodes.Status302Found;
            http.Response.Headers.Location = redirect;
            return;
        }

        var file = Find(rule?.Rewrite ?? (path == "/" ? "/index.html" : path));
        var status = StatusCodes.Status200OK;
        if (file is null && config.NavigationFallback is { } fallback && !(fallback.Exclude ?? []).Any(g => StaticWebAppConfig.Matches(g, path)))
        {
            file = Find(fallback.Rewrite);
        }

        if (file is null && config.ResponseOverrides.TryGetValue("404", out var notFound) && notFound.Rewrite is { } rewrite && !LooksLikeAsset(path))
        {
            file = Find(rewrite);
            status = notFound.StatusCode ?? StatusCodes.Status404NotFound;
        }

        if (file is null)
        {
            await next(http);
            return;
        }

        ApplyHeaders(http, config.GlobalHeaders);
        ApplyHeaders(http, config.Routes.FirstOrDefault(r => StaticWebAppConfig.Matches(r.Route, "/" + file.Name) && r.Headers is not null && r != rule)?.Headers);
        ApplyHeaders(http, rule?.Headers);
        http.Response.StatusCode = status;
        http.Response.ContentType = _contentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        http.Response.ContentLength = file.Length;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            await http.Response.SendFileAsync(file, http.RequestAborted);
        }
    }

    private IFileInfo? Find(string path)
    {
        var file = _files?.GetFileInfo(path);
        return file is { Exists: true, IsDirectory: false } ? file : null;
    }

    private static bool LooksLikeAsset(string path) => Path.HasExtension(path);

    private static void ApplyHeaders(HttpContext http, Dictionary<string, string>? headers)
    {
        foreach (var (name, value) in headers ?? [])
        {
            http.Response.Headers[name] = value;
        }
    }

    private static FileExtensionContentTypeProvider CreateContentTypes(StaticWebAppConfig config)
    {
        var provider = new FileExtensionContentTypeProvider();
        foreach (var (extension, type) in config.MimeTypes)
        {
            provider.Mappings[extension] = type;
        }

        return provider;
    }
}
