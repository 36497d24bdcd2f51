using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedSpa.LocalHost.SignalR;

/// <summary>
/// Azure SignalR Service's part on one machine, in its serverless shape: clients are sent (by the app's negotiate
/// function) to <c>{app}/api/live/client/?hub=…</c> with a token whose audience is that URL, connect with the standard
/// SignalR client, and only listen; the app sends to every client of a hub. Tokens are signed with a key made at
/// start (HS256, as the service's access key signs them); a client with a missing, wrong or other hub's token is turned away.
/// </summary>
public sealed class LocalSignalRService(IHubContext<LocalSignalRService.ClientHub> hubs)
{
    public const string Path = "/api/live/client";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Where a client of <paramref name="hub"/> connects on this app (<paramref name="appUrl"/>), and its token for an hour.</summary>
    public static (string Url, string AccessToken) Connect(string appUrl, string hub, string userId)
    {
        var url = $"{appUrl.TrimEnd('/')}{Path}/?hub={Uri.EscapeDataString(hub)}";
        return (url, new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Audience = url,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["nameid"] = userId, ["hub"] = hub },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        }));
    }

    public Task SendAsync(string hub, string target, object payload, CancellationToken ct) => hubs.Clients.Group(hub).SendAsync(target, payload, ct);

    public static void AddTo(IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<LocalSignalRService>();
    }

    public static void MapTo(WebApplication app) => app.MapHub<ClientHub>(Path);

    /// <summary>The listen-only hub: each connection joins the group of the hub its token names, and sends nothing.</summary>
    public sealed class ClientHub : Hub
    {
        public override async Task OnConnectedAsync()
        {
            var http = Context.GetHttpContext();
            var hub = http?.Request.Query["hub"].ToString();
            var token = http?.Request.Query["access_token"].ToString() is { Length: > 0 } t ? t : http?.Request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
            var valid = hub is { Length: > 0 } && token is { Length: > 0 } && (await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidateIssuer = false,
                ValidateAudience = true,
                AudienceValidator = (audiences, _, _) => audiences.Any(a => new Uri(a).AbsolutePath.TrimEnd('/') == Path && a.EndsWith($"?hub={Uri.EscapeDataString(hub)}", StringComparison.Ordinal)),
                IssuerSigningKey = new SymmetricSecurityKey(Key),
                ClockSkew = TimeSpan.FromMinutes(1),
            })).IsValid;
            if (!valid)
            {
                Context.Abort();
                return;
            }

            await Groups.AddToGroupAsync(Context.ConnectionId, hub!);
            await base.OnConnectedAsync();
        }
    }
}
