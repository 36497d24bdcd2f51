using MedSpa.Functions.Orchestrations;
using Microsoft.DurableTask.Client;

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
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>
    /// Pays as the patient's page does: opens the deposit's payment (our API), then gives Stripe (the fake) the card and
    /// confirms with the client secret, as Stripe.js would. The API's refusal when it refuses, else Stripe's answer.
    /// </summary>
    public static async Task<HttpResponseMessage> PayDepositAsync(this ApiHost api, string id, string card)
    {
        var opened = await api.As(Patient).PostAsync($"/api/booking/appointments/{id}/deposit", null);
        if (opened.StatusCode != HttpStatusCode.OK)
        {
            return opened;
        }

        var checkout = await opened.JsonAsync();
        return await api.ConfirmWithCardAsync(checkout["paymentId"]!.GetValue<string>(), checkout["clientSecret"]!.GetValue<string>(), card);
    }

    /// <summary>What Stripe.js does with a card typed into the page: make a PaymentMethod, confirm the intent with it.</summary>
    public static async Task<HttpResponseMessage> ConfirmWithCardAsync(this ApiHost api, string paymentId, string clientSecret, string card)
    {
        var browser = api.StripeBrowser();
        var method = await browser.PostAsync("/v1/payment_methods", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["type"] = "card",
            ["card[number]"] = card.Replace(" ", "", StringComparison.Ordinal),
            ["card[exp_month]"] = "12",
            ["card[exp_year]"] = "2030",
            ["card[cvc]"] = "123",
        }));
        if (method.StatusCode != HttpStatusCode.OK)
        {
            return method;
        }

        return await browser.PostAsync($"/v1/payment_intents/{paymentId}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["payment_method"] = (await method.JsonAsync())["id"]!.GetValue<string>(),
            ["client_secret"] = clientSecret,
        }));
    }

    /// <summary>
    /// The appointment once its saga has ended: decided, and every follow-up (notice, claims, waitlist offer) done.
    /// Waiting for the status alone raced the notice that is recorded after it.
    /// </summary>
    public static async Task<JsonObject> WaitForSagaAsync(this ApiHost api, string id, HttpClient? client = null)
    {
        var durable = api.Services.GetRequiredService<DurableTaskClient>();
        var instanceId = BookingSaga.InstanceIdFor("demo", id);
        for (var i = 0; i < 300; i++)
        {
            var saga = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (saga is { IsCompleted: true })
            {
                saga.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, saga.FailureDetails?.ToString());
                return await (await (client ?? api.As(Patient)).GetAsync($"/api/booking/appointments/{id}")).JsonAsync();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The saga of {id} did not end.");
    }
}
