using Azure.Core;
using Azure.Identity;
using MedSpa.Core.Calendars;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MedSpa.Infrastructure.Calendars;

/// <summary>
/// How the app reaches practitioners' calendars. Microsoft 365: the clinic's Entra app with Calendars.Read (application)
/// — a client secret (TenantId, ClientId, ClientSecret) or the Functions app's managed identity (ManagedIdentity=true).
/// Google: a Workspace service account with domain-wide delegation (ServiceAccountJson). BaseUrl and AccessToken are
/// for the local fake.
/// </summary>
public sealed record CalendarProviderOptions
{
    public string? BaseUrl { get; set; }

    public string? AccessToken { get; set; }

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public bool ManagedIdentity { get; set; }

    public string? ServiceAccountJson { get; set; }
}

public static class CalendarProviderSetup
{
    public const string GraphBaseUrl = "https://graph.microsoft.com/v1.0";
    public const string GoogleBaseUrl = "https://www.googleapis.com/calendar/v3";

    public static ICalendarProviderClient Microsoft(CalendarProviderOptions options, HttpClient? http = null)
    {
        var baseUrl = options.BaseUrl ?? GraphBaseUrl;
        TokenCredential? credential = options switch
        {
            { TenantId.Length: > 0, ClientId.Length: > 0, ClientSecret.Length: > 0 } => new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret),
            { ManagedIdentity: true } => new DefaultAzureCredential(),
            _ => null,
        };
        if (options.AccessToken is { Length: > 0 } token)
        {
            return new GraphCalendarClient(new GraphServiceClient(http ?? new HttpClient(), new BaseBearerTokenAuthenticationProvider(new FixedToken(token)), baseUrl));
        }

        return credential is null
            ? new UnconfiguredCalendarProvider(CalendarProvider.Microsoft, "Calendars:Microsoft (TenantId, ClientId and ClientSecret, or ManagedIdentity)")
            : new GraphCalendarClient(new GraphServiceClient(http ?? new HttpClient(), new Microsoft.Graph.Authentication.AzureIdentityAuthenticationProvider(credential, null, null, true, "https://graph.microsoft.com/.default"), baseUrl));
    }

    public static ICalendarProviderClient Google(CalendarProviderOptions options, HttpClient? http = null)
    {
        var baseUrl = new Uri(options.BaseUrl ?? GoogleBaseUrl);
        IGoogleAccessTokens? tokens = options switch
        {
            { AccessToken.Length: > 0 } => new FixedGoogleAccessToken(options.AccessToken),
            { ServiceAccountJson.Length: > 0 } => new ServiceAccountGoogleAccessTokens(options.ServiceAccountJson),
            _ => null,
        };
        return tokens is null
            ? new UnconfiguredCalendarProvider(CalendarProvider.Google, "Calendars:Google:ServiceAccountJson")
            : new GoogleCalendarClient(http ?? new HttpClient(), baseUrl, tokens);
    }

    /// <summary>The local fake's fixed token for Kiota (which would otherwise insist on HTTPS hosts it knows).</summary>
    private sealed class FixedToken(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }
}

/// <summary>A provider the clinic has not set up: connecting a calendar of it is refused with what to set.</summary>
public sealed class UnconfiguredCalendarProvider(CalendarProvider provider, string setting) : ICalendarProviderClient
{
    public CalendarProvider Provider => provider;

    private CalendarProviderException NotSetUp() => new($"this clinic has not set up its {ConnectExternalCalendar.Name(provider)} connection ({setting}).");

    public Task<CalendarWatch> WatchAsync(string calendarId, string watchId, Uri notificationUrl, Uri lifecycleUrl, string secret, DateTimeOffset until, CancellationToken ct) => throw NotSetUp();

    public Task<(CalendarWatch Watch, bool NewSecretInUse)> RenewAsync(CalendarConnection connection, string newWatchId, Uri notificationUrl, Uri lifecycleUrl, string newSecret, DateTimeOffset until, CancellationToken ct) => throw NotSetUp();

    public Task StopAsync(CalendarConnection connection, CancellationToken ct) => throw NotSetUp();

    public Task<CalendarChanges> ChangesAsync(string calendarId, string? syncState, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => throw NotSetUp();
}
