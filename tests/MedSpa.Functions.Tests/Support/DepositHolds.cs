using MedSpa.Functions.Orchestrations;

namespace MedSpa.Functions.Tests.Support;

/// <summary>The demo patient's held bookings (IPL photofacial takes a $50 deposit): hold one, pay it, wait for the saga.</summary>
public static class DepositHolds
{
    public const string Patient = $"patient@{ApiHost.Demo}";

    /// <summary>Books the first free time <paramref name="fromDays"/> days ahead as the patient: held, pending its deposit.</summary>
    public static async Task<JsonObject> HoldForDepositAsync(this ApiHost api, int fromDays)
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.Single(s => s.Name == "IPL photofacial");
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        var from = ClinicTime.For(location.TimeZone).LocalDate(DateTimeOffset.UtcNow).AddDays(fromDays);
        var slots = (await (await api.As(Patient).GetAsync($"/api/booking/availability?serviceId={service.Id}&locationId={location.Id}&from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}")).JsonAsync())["slots"]!.AsArray();
        var response = await api.As(Patient).PostAsJsonAsync("/api/booking/appointments", new { serviceId = service.Id, locationId = location.Id, startTime = slots[0]!["startTime"]!.GetValue<string>() });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> PayDepositAsync(this ApiHost api, string id, string card) =>
        api.As(Patient).PostAsJsonAsync($"/api/booking/appointments/{id}/deposit", new { cardNumber = card, expiry = "12/30", cvc = "123" });

    /// <summary>The appointment once its status is no longer <paramref name="notStatus"/> (the saga has decided).</summary>
    public static async Task<JsonObject> WaitForStatusChangeAsync(this ApiHost api, string id, string notStatus = "pending-deposit", HttpClient? client = null)
    {
        client ??= api.As(Patient);
        for (var i = 0; i < 200; i++)
        {
            var current = await (await client.GetAsync($"/api/booking/appointments/{id}")).JsonAsync();
            if (current["status"]!.GetValue<string>() != notStatus)
            {
                return current;
            }

            await Task.Delay(50);
        }

        var saga = await (await api.AsAdmin().GetAsync($"/api/admin/orchestrations/{Uri.EscapeDataString(BookingSaga.InstanceIdFor("demo", id))}")).JsonAsync();
        throw new TimeoutException($"{id} stayed {notStatus}; saga: {saga.ToJsonString()}");
    }
}
