using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedSpa.Core.Live;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedSpa.Infrastructure.Live;

/// <summary>
/// Azure SignalR Service in serverless mode, by its data-plane REST API (no server SDK for that mode in our feed):
/// clients are sent to <c>{endpoint}/client/?hub={hub}</c> with a token whose audience is that URL; a message to every
/// client of a hub is <c>POST {endpoint}/api/v1/hubs/{hub}</c> with a token whose audience is the request's URL. Both
/// tokens are HS256 JWTs signed with the resource's access key (from its connection string).
/// </summary>
public sealed class AzureSignalRLive : ILiveUpdates
{
    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly string _endpoint;
    private readonly SymmetricSecurityKey _key;

    public AzureSignalRLive(string connectionString, HttpClient? http = null)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !parts.TryGetValue("AccessKey", out var key))
        {
            throw new InvalidOperationException("Live:ConnectionString is Azure SignalR's: Endpoint=https://….service.signalr.net;AccessKey=…;Version=1.0;");
        }

        _endpoint = endpoint.TrimEnd('/') + (parts.TryGetValue("Port", out var port) ? $":{port}" : "");
        _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
        // A push is best effort inside a booking's request: a slow service must not hold the booking up (pages poll).
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
    }

    public LiveConnection? Connect(string hub, string userId)
    {
        var url = $"{_endpoint}/client/?hub={Uri.EscapeDataString(hub)}";
        return new LiveConnection(url, Token(url, userId, TimeSpan.FromHours(1)));
    }

    public async Task SendAsync(string hub, string target, object payload, CancellationToken ct)
    {
        var url = $"{_endpoint}/api/v1/hubs/{Uri.EscapeDataString(hub)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { target, arguments = new[] { payload } }, options: Camel) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(url, null, TimeSpan.FromMinutes(5)));
        using var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Azure SignalR answered {(int)response.StatusCode} to a broadcast on {hub}.", null, response.StatusCode);
        }
    }

    private string Token(string audience, string? userId, TimeSpan lifetime) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Audience = audience,
        Expires = DateTime.UtcNow.Add(lifetime),
        Claims = userId is null ? null : new Dictionary<string, object> { ["nameid"] = userId },
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
    });
}
