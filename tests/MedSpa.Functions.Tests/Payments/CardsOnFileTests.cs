namespace MedSpa.Functions.Tests.Payments;

/// <summary>Cards on file: saved through a SetupIntent the browser confirms with Stripe, listed with their expiry caught early, removed; each patient their own.</summary>
public sealed class CardsOnFileTests(ApiHost api) : IClassFixture<ApiHost>
{
    /// <summary>What the patient's page does: open a SetupIntent, give Stripe the card, confirm with the client secret.</summary>
    private async Task SaveCardAsync(HttpClient client, string patientId, string number)
    {
        var opened = await client.PostAsJsonAsync("/api/payments/methods", new { patientId, idempotencyKey = Guid.NewGuid().ToString() });
        opened.StatusCode.ShouldBe(HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        var secret = (await opened.JsonAsync())["clientSecret"]!.GetValue<string>();
        var browser = api.StripeBrowser();
        var method = await (await browser.PostAsync("/v1/payment_methods", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["type"] = "card", ["card[number]"] = number, ["card[exp_month]"] = "12", ["card[exp_year]"] = "2030", ["card[cvc]"] = "123",
        }))).JsonAsync();
        var setupId = secret[..secret.IndexOf("_secret_", StringComparison.Ordinal)];
        var confirmed = await browser.PostAsync($"/v1/setup_intents/{setupId}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["payment_method"] = method["id"]!.GetValue<string>(), ["client_secret"] = secret,
        }));
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_patient_saves_a_card_sees_when_it_expires_and_removes_it()
    {
        var patient = api.As(DemoPeople.PatientSignIn);
        await SaveCardAsync(patient, DemoPeople.PatientId, "4242424242424242");

        var listed = (await (await patient.GetAsync($"/api/payments/methods/{DemoPeople.PatientId}")).JsonAsync())["items"]!.AsArray();
        listed.Count.ShouldBe(1);
        var card = listed[0]!;
        card["brand"]!.GetValue<string>().ShouldBe("visa");
        card["last4"]!.GetValue<string>().ShouldBe("4242");
        card["expired"]!.GetValue<bool>().ShouldBeFalse();
        var desk = api.As($"frontdesk@{ApiHost.Demo}");
        using (api.Clock.At(new DateTimeOffset(2031, 1, 5, 12, 0, 0, TimeSpan.Zero)))
        {
            var later = (await (await desk.GetAsync($"/api/payments/methods/{DemoPeople.PatientId}")).JsonAsync())["items"]!.AsArray();
            later.Single()!["expired"]!.GetValue<bool>().ShouldBeTrue(); // caught before a booking needs it
        }

        (await patient.DeleteAsync($"/api/payments/methods/{card["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await patient.GetAsync($"/api/payments/methods/{DemoPeople.PatientId}")).JsonAsync())["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_patients_cards_are_not_found_and_practitioners_have_none_to_see()
    {
        var other = await api.NewPatientAsync("Carla", "Card");
        await SaveCardAsync(api.As($"frontdesk@{ApiHost.Demo}"), other, "4242424242424242");
        var cardId = (await (await api.As($"frontdesk@{ApiHost.Demo}").GetAsync($"/api/payments/methods/{other}")).JsonAsync())["items"]!.AsArray().Single()!["id"]!.GetValue<string>();
        var patient = api.As(DemoPeople.PatientSignIn);

        (await patient.GetAsync($"/api/payments/methods/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await patient.DeleteAsync($"/api/payments/methods/{cardId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.As($"injector@{ApiHost.Demo}").GetAsync($"/api/payments/methods/{other}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.As($"frontdesk@{ApiHost.Demo}").GetAsync($"/api/payments/methods/{other}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        api.StripeFake.Find(cardId)!["customer"].ShouldNotBeNull(); // still on file
    }
}
