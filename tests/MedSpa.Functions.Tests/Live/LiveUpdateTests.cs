using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MedSpa.Functions.Tests.Live;

/// <summary>
/// Live calendars: the negotiate functions send staff to their clinic's calendar hub and anyone booking to its slots
/// hub (Azure SignalR's serverless client protocol, served by LocalHost here), and a booking, a cancellation or a
/// status change made through the API reaches a connected client with the location to read again — and no patient.
/// </summary>
public sealed class LiveUpdateTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Desk = $"frontdesk@{ApiHost.Demo}";

    [Fact]
    public async Task A_staff_calendar_hears_of_a_booking_its_status_change_and_its_cancellation_with_no_patient_in_the_message()
    {
        var negotiated = await (await api.As(Desk).PostAsync("/api/live/calendar/negotiate?negotiateVersion=1", null)).JsonAsync();
        var url = negotiated["url"]!.GetValue<string>();
        new Uri(url).AbsolutePath.ShouldBe("/api/live/client/");
        url.ShouldEndWith("?hub=calendar_demo");
        var heard = Channel.CreateUnbounded<string>();
        await using var client = Connect(url, negotiated["accessToken"]!.GetValue<string>());
        client.On<System.Text.Json.JsonElement>("calendarChanged", change => heard.Writer.TryWrite(change.GetRawText()));
        await client.StartAsync();

        var visit = await BookThroughTheApiAsync();
        var booked = await ReadAsync(heard);
        (await api.As(Desk).PostAsJsonAsync($"/api/appointments/{visit["id"]}/status", new { status = "confirmed" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var confirmed = await ReadAsync(heard);
        (await api.As(Desk).DeleteAsync($"/api/booking/appointments/{visit["id"]}?reason=sick")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cancelled = await ReadAsync(heard);

        foreach (var message in new[] { booked, confirmed, cancelled })
        {
            var change = JsonNode.Parse(message)!;
            change["locationId"]!.GetValue<string>().ShouldBe(visit["locationId"]!.GetValue<string>());
            change["date"]!.GetValue<string>().ShouldBe(visit["startTime"]!.GetValue<string>()[..10], "the location's date (the start is written in its zone)");
            message.ShouldNotContain(visit["patientName"]!.GetValue<string>());
            message.ShouldNotContain(visit["patientId"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Staff_get_the_calendar_hub_anyone_booking_the_slots_hub_and_a_token_for_one_hub_opens_no_other()
    {
        (await api.As($"patient@{ApiHost.Demo}").PostAsync("/api/live/calendar/negotiate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Anonymous().PostAsync("/api/live/calendar/negotiate", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().PostAsync("/api/booking/live/negotiate", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "clinicId");
        var visitor = await (await api.Anonymous().PostAsync("/api/booking/live/negotiate?clinicId=demo", null)).JsonAsync();
        var patient = await (await api.As($"patient@{ApiHost.Demo}").PostAsync("/api/booking/live/negotiate", null)).JsonAsync();
        visitor["url"]!.GetValue<string>().ShouldEndWith("?hub=slots_demo");
        patient["url"]!.GetValue<string>().ShouldEndWith("?hub=slots_demo");

        // The slots token does not open the calendar hub; a forged token opens nothing.
        var calendarUrl = visitor["url"]!.GetValue<string>().Replace("slots_demo", "calendar_demo", StringComparison.Ordinal);
        foreach (var (url, token) in new[] { (calendarUrl, visitor["accessToken"]!.GetValue<string>()), (visitor["url"]!.GetValue<string>(), "forged.token.here") })
        {
            await using var client = Connect(url, token);
            var closed = new TaskCompletionSource();
            client.Closed += _ =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };
            try
            {
                await client.StartAsync();
                await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException)
            {
                // Refused while connecting: as good as closed.
            }

            client.State.ShouldBe(HubConnectionState.Disconnected);
        }
    }

    private HubConnection Connect(string url, string token) => new HubConnectionBuilder()
        .WithUrl(url, o =>
        {
            o.HttpMessageHandlerFactory = _ => api.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    private static async Task<string> ReadAsync(Channel<string> heard) =>
        await heard.Reader.ReadAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

    /// <summary>A consultation booked by the desk through the API, as the calendar page does.</summary>
    private async Task<JsonObject> BookThroughTheApiAsync()
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.First(s => s.Name == "Aesthetic consultation");
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        var slot = (await api.Services.GetRequiredService<FindAvailability>().FindAsync("demo",
            new AvailabilityQuery(service.Id, location.Id, day.ToString("yyyy-MM-dd"), day.AddDays(6).ToString("yyyy-MM-dd"), null), online: false)).Value!.Slots.First();
        var response = await api.As(Desk).PostAsJsonAsync("/api/booking/appointments", new
        {
            serviceId = service.Id, locationId = location.Id, startTime = slot.Start.ToString("yyyy-MM-ddTHH:mm:ssZ"), patientId = "patient-demo-0003", bookingSource = "phone",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }
}
