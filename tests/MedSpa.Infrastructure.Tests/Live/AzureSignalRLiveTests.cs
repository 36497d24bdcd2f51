using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MedSpa.Core.Live;
using MedSpa.Infrastructure.Live;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedSpa.Infrastructure.Tests.Live;

/// <summary>
/// The Azure SignalR adapter against what the service checks: a broadcast is POST /api/v1/hubs/{hub} with an HS256
/// token signed by the access key whose audience is that URL, and a body of target and arguments; a client is sent to
/// /client/?hub={hub} with a token whose audience is exactly that URL. A token signed with another key is refused.
/// </summary>
public sealed class AzureSignalRLiveTests
{
    private const string AccessKey = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu=";
    private const string Endpoint = "https://medspa-live.service.signalr.net";

    private sealed class ServiceStandIn : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Received.Add((request, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
            var url = request.RequestUri!.GetLeftPart(UriPartial.Path);
            return await Valid(request.Headers.Authorization?.Parameter, url, AccessKey) ? new HttpResponseMessage(HttpStatusCode.Accepted) : new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }
    }

    private static async Task<bool> Valid(string? token, string audience, string key) =>
        token is not null && (await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidAudience = audience,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
        })).IsValid;

    [Fact]
    public async Task A_broadcast_is_signed_for_its_hubs_url_and_carries_the_target_and_the_change()
    {
        var service = new ServiceStandIn();
        var live = new AzureSignalRLive($"Endpoint={Endpoint};AccessKey={AccessKey};Version=1.0;", new HttpClient(service));

        await live.SendAsync("calendar_demo", "calendarChanged", new CalendarChanged("loc-1", "2026-12-08"), CancellationToken.None);

        var (request, body) = service.Received.ShouldHaveSingleItem();
        request.Method.ShouldBe(HttpMethod.Post);
        request.RequestUri!.ToString().ShouldBe($"{Endpoint}/api/v1/hubs/calendar_demo");
        var json = JsonNode.Parse(body)!;
        json["target"]!.GetValue<string>().ShouldBe("calendarChanged");
        json["arguments"]![0]!["locationId"]!.GetValue<string>().ShouldBe("loc-1");
        json["arguments"]![0]!["date"]!.GetValue<string>().ShouldBe("2026-12-08");
    }

    [Fact]
    public async Task A_client_is_sent_to_its_hub_with_a_token_for_exactly_that_url_and_a_wrong_key_signs_nothing_the_service_takes()
    {
        var live = new AzureSignalRLive($"Endpoint={Endpoint};AccessKey={AccessKey};Version=1.0;");

        var connection = live.Connect("slots_demo", "visitor-1")!;

        connection.Url.ShouldBe($"{Endpoint}/client/?hub=slots_demo");
        (await Valid(connection.AccessToken, connection.Url, AccessKey)).ShouldBeTrue();
        (await Valid(connection.AccessToken, $"{Endpoint}/client/?hub=calendar_demo", AccessKey)).ShouldBeFalse("a slots token is not a calendar token");
        (await Valid(connection.AccessToken, connection.Url, "another-key-another-key-another-key-another=")).ShouldBeFalse();

        var refused = new ServiceStandIn();
        var forged = new AzureSignalRLive($"Endpoint={Endpoint};AccessKey=another-key-another-key-another-key-another=;Version=1.0;", new HttpClient(refused));
        await Should.ThrowAsync<HttpRequestException>(() => forged.SendAsync("calendar_demo", "calendarChanged", new CalendarChanged("loc-1", "2026-12-08"), CancellationToken.None));
        Should.Throw<InvalidOperationException>(() => new AzureSignalRLive("Endpoint=https://x.service.signalr.net;Version=1.0;"));
    }
}
