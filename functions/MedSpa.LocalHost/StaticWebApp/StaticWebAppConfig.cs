using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace MedSpa.LocalHost.StaticWebApp;

/// <summary>The parts of staticwebapp.config.json that MedSpa uses, read the way Azure Static Web Apps reads them.</summary>
public sealed record StaticWebAppConfig
{
    public NavigationFallback? NavigationFallback { get; init; }

    public IReadOnlyList<RouteRule> Routes { get; init; } = [];

    public Dictionary<string, string> GlobalHeaders { get; init; } = [];

    public Dictionary<string, string> MimeTypes { get; init; } = [];

    public Dictionary<string, ResponseOverride> ResponseOverrides { get; init; } = [];

    public AuthSection? Auth { get; init; }

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static StaticWebAppConfig Load(string path) =>
        File.Exists(path)
            ? JsonSerializer.Deserialize<StaticWebAppConfig>(File.ReadAllText(path), ReadOptions)!
            : new StaticWebAppConfig();

    /// <summary>
    /// Lets pages reach one more origin for one kind of request (connect-src, img-src): adds it to that directive of the
    /// Content-Security-Policy. The configuration that ships to Azure names only its real hosts; a local run adds its
    /// local sign-in provider and its blob emulator this way.
    /// </summary>
    public void Allow(string directive, string origin)
    {
        if (!GlobalHeaders.TryGetValue("Content-Security-Policy", out var policy))
        {
            return;
        }

        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var index = directives.FindIndex(d => d.Split(' ')[0].Equals(directive, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            directives.Add($"{directive} 'self' {origin}");
        }
        else if (!directives[index].Split(' ').Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            directives[index] += " " + origin;
        }

        GlobalHeaders["Content-Security-Policy"] = string.Join("; ", directives);
    }

    /// <summary>SWA globs: '*' matches anything (including '/'), '{a,b}' is an alternative; matched case-insensitively.</summary>
    public static bool Matches(string glob, string path)
    {
        var pattern = Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\{", "(", StringComparison.Ordinal).Replace(@"}", ")", StringComparison.Ordinal);
        pattern = Regex.Replace(pattern, @"\(([^)]*)\)", m => "(" + m.Groups[1].Value.Replace(",", "|", StringComparison.Ordinal) + ")");
        return Regex.IsMatch(path, (glob.StartsWith('/') ? "^" : "(^|/)") + pattern + "$", RegexOptions.IgnoreCase);
    }
}

public sealed record NavigationFallback(string Rewrite, IReadOnlyList<string>? Exclude);

public sealed record RouteRule
{
    public string Route { get; init; } = "";

    public Dictionary<string, string>? Headers { get; init; }

    public string? Rewrite { get; init; }

    public string? Redirect { get; init; }

    public int? StatusCode { get; init; }

    [JsonPropertyName("allowedRoles")]
    public IReadOnlyList<string>? AllowedRoles { get; init; }
}

public sealed record ResponseOverride(string? Rewrite, string? Redirect, int? StatusCode);

/// <summary>The auth section: where roles come from (an API function SWA calls at sign-in) and the identity providers.</summary>
public sealed record AuthSection
{
    public string? RolesSource { get; init; }

    public IdentityProviders? IdentityProviders { get; init; }
}

public sealed record IdentityProviders
{
    /// <summary>Custom OpenID Connect providers by name: each gets /.auth/login/&lt;name&gt;. Their registration
    /// (client id and secret setting names, well-known URL) is for Azure; locally the local sign-in provider stands in.</summary>
    public Dictionary<string, System.Text.Json.JsonElement> CustomOpenIdConnectProviders { get; init; } = [];
}
