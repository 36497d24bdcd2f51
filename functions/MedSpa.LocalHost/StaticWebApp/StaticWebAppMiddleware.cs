using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace MedSpa.LocalHost.StaticWebApp;

/// <summary>
/// Serves the built web app the way Azure Static Web Apps would, from staticwebapp.config.json: route rules
/// (headers, rewrites, redirects), the navigation fallback with its exclusions, global headers and mime types.
/// That file is therefore exercised by every local run and e2e test. API routes are left to the functions.
/// With <paramref name="auth"/>, /.auth/* is served and a route's allowedRoles are enforced as SWA does: the user's
/// roles are "anonymous", plus "authenticated" and the rolesSource roles when signed in; an anonymous user who lacks
/// a role gets 401, a signed-in one 403, each through responseOverrides (a redirect's ".referrer" becomes the page asked for).
/// </summary>
public sealed class StaticWebAppMiddleware(RequestDelegate next, StaticWebAppConfig config, string webRoot, string apiPrefix, StaticWebAppAuth? auth = null)
{
    private readonly PhysicalFileProvider? _files = Directory.Exists(webRoot) ? new PhysicalFileProvider(Path.GetFullPath(webRoot)) : null;
    private readonly FileExtensionContentTypeProvider _contentTypes = CreateContentTypes(config);

    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (auth is not null && await auth.TryHandleAsync(http))
        {
            return;
        }

        var rule = config.Routes.FirstOrDefault(r => StaticWebAppConfig.Matches(r.Route, path));
        if (rule?.AllowedRoles is { Count: > 0 } allowed)
        {
            var principal = auth?.Read(http);
            var roles = principal?.UserRoles ?? ["anonymous"];
            if (!allowed.Any(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase)))
            {
                await DenyAsync(http, principal is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
                return;
            }
        }

        if (path.StartsWith("/" + apiPrefix.Trim('/') + "/", StringComparison.OrdinalIgnoreCase) || !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await next(http);
            return;
        }

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

        await ServeAsync(http, file, status, rule);
    }

    /// <summary>401/403 through responseOverrides: a redirect (".referrer" becomes the page asked for), a rewrite, or the bare status.</summary>
    private async Task DenyAsync(HttpContext http, int status)
    {
        var found = config.ResponseOverrides.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var o);
        if (found && o!.Redirect is { } redirect)
        {
            var requested = Uri.EscapeDataString(http.Request.PathBase + http.Request.Path + http.Request.QueryString);
            http.Response.StatusCode = o.StatusCode ?? StatusCodes.Status302Found;
            http.Response.Headers.Location = redirect.Replace("=.referrer", "=" + requested, StringComparison.Ordinal);
            return;
        }

        var file = found && o!.Rewrite is { } rewrite ? Find(rewrite) : null;
        if (file is null)
        {
            ApplyHeaders(http, config.GlobalHeaders);
            http.Response.StatusCode = o?.StatusCode ?? status;
            return;
        }

        await ServeAsync(http, file, o!.StatusCode ?? status, rule: null);
    }

    private async Task ServeAsync(HttpContext http, IFileInfo file, int status, RouteRule? rule)
    {
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
