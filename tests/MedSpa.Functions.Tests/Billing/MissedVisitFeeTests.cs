using MedSpa.Core.Billing;

namespace MedSpa.Functions.Tests.Billing;

/// <summary>
/// No-show and late-cancellation fees: a patient booking online accepts the clinic's policy (its version, the time and
/// the address are kept with the booking); the desk then charges the fee to the card on file off-session, once, with
/// that evidence on the invoice and in Stripe's metadata. Without the patient's acceptance nothing is charged.
/// </summary>
public sealed class MissedVisitFeeTests(ApiHost api) : IClassFixture<ApiHost>, IAsyncLifetime
{
    private const string Policy = "Cancel at least 24 hours ahead. A missed appointment costs $50; a late cancellation $25.";

    public Task InitializeAsync() => api.SetPoliciesAsync(p =>
    {
        p["noShowFee"] = 5_000;
        p["lateCancellationFee"] = 2_500;
        p["cancellationPolicy"] = Policy;
        p["maxFutureBookingsPerPatient"] = 40;
    });

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(string ServiceId, string LocationId, string Start)> FreeTimeAsync(int fromDays)
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.Single(s => s.Name == "Signature facial");
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        var from = ClinicTime.For(location.TimeZone).LocalDate(DateTimeOffset.UtcNow).AddDays(fromDays);
        var slots = (await (await api.As(DemoPeople.PatientSignIn).GetAsync($"/api/booking/availability?serviceId={service.Id}&locationId={location.Id}&from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}")).JsonAsync())["slots"]!.AsArray();
        return (service.Id, location.Id, slots[0]!["startTime"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> BookOnlineAsync(int fromDays, string? acceptedPolicyVersion)
    {
        var (serviceId, locationId, start) = await FreeTimeAsync(fromDays);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/booking/appointments") { Content = JsonContent.Create(new { serviceId, locationId, startTime = start, acceptedPolicyVersion }) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
        request.Headers.TryAddWithoutValidation("User-Agent", "MedSpaTests/1.0 (phone)");
        return await api.As(DemoPeople.PatientSignIn).SendAsync(request);
    }

    private async Task SaveCardAsync(string expMonth = "12", string expYear = "2031")
    {
        var saving = await (await api.As(DemoPeople.PatientSignIn).PostAsJsonAsync("/api/payments/methods", new { patientId = DemoPeople.PatientId, idempotencyKey = Guid.NewGuid().ToString() })).JsonAsync();
        var secret = saving["clientSecret"]!.GetValue<string>();
        var method = await (await api.StripeBrowser().PostAsync("/v1/payment_methods", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["type"] = "card", ["card[number]"] = "4242424242424242", ["card[exp_month]"] = expMonth, ["card[exp_year]"] = expYear, ["card[cvc]"] = "123",
        }))).JsonAsync();
        (await api.StripeBrowser().PostAsync($"/v1/setup_intents/{secret[..secret.IndexOf("_secret_", StringComparison.Ordinal)]}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["payment_method"] = method["id"]!.GetValue<string>(), ["client_secret"] = secret,
        }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.StripeWebhooks.DrainAsync();
    }

    private async Task<string> VersionAsync() =>
        (await (await api.As(DemoPeople.PatientSignIn).GetAsync("/api/booking/policies")).JsonAsync())["feePolicyVersion"]!.GetValue<string>();

    [Fact]
    public async Task An_online_booking_under_the_fee_policy_is_refused_while_every_card_on_file_has_expired_and_taken_once_a_new_card_is_saved()
    {
        var patient = api.As(DemoPeople.PatientSignIn);
        foreach (var old in (await (await patient.GetAsync($"/api/payments/methods/{DemoPeople.PatientId}")).JsonAsync())["items"]!.AsArray())
        {
            (await patient.DeleteAsync($"/api/payments/methods/{old!["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        await SaveCardAsync("12", "2026"); // good through the end of December 2026
        var version = await VersionAsync();
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.Single(s => s.Name == "Signature facial"); // no deposit: nothing else takes a card
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        async Task<HttpResponseMessage> BookInJanuaryAsync()
        {
            var slots = (await (await patient.GetAsync($"/api/booking/availability?serviceId={service.Id}&locationId={location.Id}&from=2027-01-11&to=2027-01-15")).JsonAsync())["slots"]!.AsArray();
            return await patient.PostAsJsonAsync("/api/booking/appointments", new { serviceId = service.Id, locationId = location.Id, startTime = slots[0]!["startTime"]!.GetValue<string>(), acceptedPolicyVersion = version });
        }

        using (api.Clock.At(new DateTimeOffset(2027, 1, 5, 15, 0, 0, TimeSpan.Zero)))
        {
            var before = api.Snapshot();
            var refused = await BookInJanuaryAsync();
            await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "card");
            (await refused.JsonAsync())["errors"]!["card"]![0]!.GetValue<string>().ShouldContain("ending 4242 expired 12/2026");
            api.Snapshot().ShouldBe(before);
        }

        await SaveCardAsync("12", "2031");
        using (api.Clock.At(new DateTimeOffset(2027, 1, 5, 15, 0, 0, TimeSpan.Zero)))
        {
            var booked = await BookInJanuaryAsync();
            booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_patient_accepts_the_policy_when_booking_and_a_no_show_is_charged_to_their_card_once_with_the_evidence()
    {
        var version = await VersionAsync();
        version.ShouldStartWith("fees-");
        await api.StripeWebhooks.DrainAsync();
        var before = api.Snapshot();
        var unaccepted = await BookOnlineAsync(3, null);
        var stale = await BookOnlineAsync(3, "fees-000000000000");
        unaccepted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unaccepted.JsonAsync())["errors"]!["acceptedPolicyVersion"]![0]!.GetValue<string>().ShouldContain("accept the clinic's cancellation policy");
        (await stale.JsonAsync())["errors"]!["acceptedPolicyVersion"]![0]!.GetValue<string>().ShouldContain("changed since you read it");
        api.Snapshot().ShouldBe(before);

        var booked = await BookOnlineAsync(3, version);
        booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var id = (await booked.JsonAsync())["id"]!.GetValue<string>();
        var stored = (await api.Services.GetRequiredService<AppointmentStore>().GetAsync("demo", id))!.Body;
        var accepted = stored.FeePolicy.ShouldNotBeNull();
        accepted.Version.ShouldBe(version);
        accepted.Policy.ShouldBe(Policy);
        accepted.NoShowFee.ShouldBe(5_000);
        accepted.IpAddress.ShouldBe("203.0.113.7");
        accepted.UserAgent.ShouldBe("MedSpaTests/1.0 (phone)");
        await SaveCardAsync();

        var desk = api.As(DemoPeople.DeskSignIn);
        var practitioner = api.As(DemoPeople.InjectorSignIn);
        var patient = api.As(DemoPeople.PatientSignIn);
        var tooEarly = await desk.PostAsync($"/api/appointments/{id}/fee", null);
        tooEarly.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using (api.Clock.At(stored.StartTime.AddMinutes(30)))
        {
            (await desk.PostAsJsonAsync($"/api/appointments/{id}/status", new { status = "no-show" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await practitioner.PostAsync($"/api/appointments/{id}/fee", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await patient.PostAsync($"/api/appointments/{id}/fee", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

            var charged = await desk.PostAsync($"/api/appointments/{id}/fee", null);
            var again = await desk.PostAsync($"/api/appointments/{id}/fee", null);

            charged.StatusCode.ShouldBe(HttpStatusCode.OK, await charged.Content.ReadAsStringAsync());
            var invoice = await charged.JsonAsync();
            invoice["status"]!.GetValue<string>().ShouldBe("paid");
            invoice["totals"]!["paid"]!.GetValue<long>().ShouldBe(5_000);
            invoice["lines"]!.AsArray().Single()!["description"]!.GetValue<string>().ShouldStartWith("No-show fee: Signature facial");
            invoice["notes"]!.GetValue<string>().ShouldContain(version);
            invoice["notes"]!.GetValue<string>().ShouldContain("203.0.113.7");
            again.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await again.JsonAsync())["id"]!.GetValue<string>().ShouldBe(invoice["id"]!.GetValue<string>());

            var paymentId = invoice["payments"]!.AsArray().Single()!["reference"]!.GetValue<string>();
            var intent = api.StripeFake.Find(paymentId)!;
            intent["metadata"]!["policy_version"]!.GetValue<string>().ShouldBe(version);
            intent["metadata"]!["policy_accepted_ip"]!.GetValue<string>().ShouldBe("203.0.113.7");
            intent["status"]!.GetValue<string>().ShouldBe("succeeded");
            var entries = await api.Services.GetRequiredService<InvoiceStore>().EntriesAsync("demo", invoice["id"]!.GetValue<string>());
            entries.Count(e => e.Type == LedgerEntryType.Payment).ShouldBe(1);
        }
    }

    [Fact]
    public async Task No_fee_without_the_patients_acceptance_and_none_for_an_unknown_appointment()
    {
        // Booked by the desk: the patient accepted nothing, so their card is not charged.
        var byDesk = await api.BookFirstFreeAsync("demo", DemoPeople.PatientId, dayOffset: 9);
        var desk = api.As(DemoPeople.DeskSignIn);
        using (api.Clock.At(byDesk.StartTime.AddHours(1)))
        {
            (await desk.PostAsJsonAsync($"/api/appointments/{byDesk.Id}/status", new { status = "no-show" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            await api.StripeWebhooks.DrainAsync(); // Stripe's events from the other test land before the read-back
            var before = api.Snapshot();
            var unaccepted = await desk.PostAsync($"/api/appointments/{byDesk.Id}/fee", null);
            var unknown = await desk.PostAsync("/api/appointments/appt-nowhere/fee", null);
            unaccepted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await unaccepted.Content.ReadAsStringAsync()).ShouldContain("did not accept a fee policy");
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            api.Snapshot().ShouldBe(before);
        }
    }
}
