namespace MedSpa.Functions.Tests.Booking;

/// <summary>The rules a clinic configures: approval for new patients, a cap on upcoming bookings, deliberate double-booking.</summary>
public sealed class BookingPolicyTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Desk = $"frontdesk@{ApiHost.Demo}";

    private async Task<(Service Service, Location Location, JsonArray Slots)> SlotsAsync(string serviceName, int fromDays)
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.Single(s => s.Name == serviceName);
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        var from = ClinicTime.For(location.TimeZone).LocalDate(DateTimeOffset.UtcNow).AddDays(fromDays);
        var body = await (await api.Anonymous().GetAsync($"/api/booking/availability?clinicId=demo&serviceId={service.Id}&locationId={location.Id}&from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}")).JsonAsync();
        return (service, location, body["slots"]!.AsArray());
    }

    [Fact]
    public async Task Policy_updates_must_state_every_rule()
    {
        var response = await api.AsAdmin().PutAsJsonAsync("/api/booking/policies", new { windowDays = 30 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_clinic_writes_times_with_a_12_or_24_hour_clock_and_nothing_else_is_accepted()
    {
        async Task<JsonObject> ReadAsync() => await (await api.Anonymous().GetAsync("/api/booking/policies?clinicId=demo")).JsonAsync();
        (await ReadAsync())["clockFormat"]!.GetValue<string>().ShouldBe("12h");

        foreach (var bad in new JsonNode?[] { "25h", "12H", "twelve", "", 24, null, true })
        {
            var current = await api.AsAdmin().GetAsync("/api/booking/policies");
            var body = await current.JsonAsync();
            body["clockFormat"] = bad?.DeepClone();
            var request = new HttpRequestMessage(HttpMethod.Put, "/api/booking/policies") { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag?.Tag ?? "\"\"");
            var refused = await api.AsAdmin().SendAsync(request);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"clockFormat {bad?.ToJsonString() ?? "null"}");
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await ReadAsync())["clockFormat"]!.GetValue<string>().ShouldBe("12h");
        await api.SetPoliciesAsync(p => p["clockFormat"] = "24h");
        (await ReadAsync())["clockFormat"]!.GetValue<string>().ShouldBe("24h");
        await api.SetPoliciesAsync(p => p["clockFormat"] = "12h");
    }

    [Fact]
    public async Task Reminders_are_up_to_four_different_hours_before_and_a_review_within_a_month_and_nothing_else_is_accepted()
    {
        async Task<JsonObject> ReadAsync() => await (await api.AsAdmin().GetAsync("/api/booking/policies")).JsonAsync();
        var before = await ReadAsync();
        before["reminderHoursBefore"]!.AsArray().Select(h => h!.GetValue<int>()).ShouldBe([48, 2]);
        (before["afterCareMessage"]!.GetValue<bool>(), before["reviewRequestAfterDays"]!.GetValue<int>()).ShouldBe((true, 3));

        foreach (var (field, bad) in new (string, JsonNode?)[]
        {
            ("reminderHoursBefore", new JsonArray(0)), ("reminderHoursBefore", new JsonArray(337)), ("reminderHoursBefore", new JsonArray(24, 24)),
            ("reminderHoursBefore", new JsonArray(1, 2, 3, 4, 5)), ("reminderHoursBefore", "48"), ("reminderHoursBefore", new JsonArray("2")),
            ("reviewRequestAfterDays", -1), ("reviewRequestAfterDays", 31), ("reviewRequestAfterDays", 1.5), ("afterCareMessage", "yes"),
        })
        {
            var current = await api.AsAdmin().GetAsync("/api/booking/policies");
            var body = await current.JsonAsync();
            body[field] = bad?.DeepClone();
            var request = new HttpRequestMessage(HttpMethod.Put, "/api/booking/policies") { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag?.Tag ?? "\"\"");
            var refused = await api.AsAdmin().SendAsync(request);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{field} {bad?.ToJsonString() ?? "null"}");
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await ReadAsync()).ToJsonString().ShouldBe(before.ToJsonString(), "a refusal changes nothing");
        await api.SetPoliciesAsync(p => p["reminderHoursBefore"] = new JsonArray(72, 1));
        (await ReadAsync())["reminderHoursBefore"]!.AsArray().Select(h => h!.GetValue<int>()).ShouldBe([72, 1]);
        await api.SetPoliciesAsync(p => p["reminderHoursBefore"] = new JsonArray(48, 2));
    }

    [Fact]
    public async Task Staff_double_book_a_practitioner_only_when_the_clinic_allows_it_and_never_online()
    {
        var (service, location, slots) = await SlotsAsync("Xeomin", 6);
        var start = slots[0]!["startTime"]!.GetValue<string>();
        var practitionerId = slots[0]!["practitionerIds"]![0]!.GetValue<string>();
        var request = new { serviceId = service.Id, locationId = location.Id, startTime = start, practitionerId, patientId = "patient-demo-0001", bookingSource = "phone" };
        (await api.As(Desk).PostAsJsonAsync("/api/booking/appointments", request)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var over = new { serviceId = service.Id, locationId = location.Id, startTime = start, practitionerId, patientId = "patient-demo-0002", bookingSource = "phone", doubleBook = true };

        var whileOff = await api.As(Desk).PostAsJsonAsync("/api/booking/appointments", over);
        await api.SetPoliciesAsync(p => p["staffMayDoubleBook"] = true);
        var whileOn = await api.As(Desk).PostAsJsonAsync("/api/booking/appointments", over);
        var online = await api.As($"patient@{ApiHost.Demo}").PostAsJsonAsync("/api/booking/appointments", new { serviceId = service.Id, locationId = location.Id, startTime = start, practitionerId, doubleBook = true });

        whileOff.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        whileOn.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await whileOn.JsonAsync())["doubleBooked"]!.GetValue<bool>().ShouldBeTrue();
        online.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await api.SetPoliciesAsync(p => p["staffMayDoubleBook"] = false);
    }

    [Fact]
    public async Task A_new_patients_online_booking_waits_for_staff_approval()
    {
        await api.SetPoliciesAsync(p => p["approvalRequiredForNewPatients"] = true);
        var (service, location, slots) = await SlotsAsync("Signature facial", 12);
        var client = api.As("brand.new@example.com");

        var booked = await client.PostAsJsonAsync("/api/booking/appointments?clinicId=demo", new
        {
            serviceId = service.Id,
            locationId = location.Id,
            startTime = slots[0]!["startTime"]!.GetValue<string>(),
            patient = new { firstName = "Brand", lastName = "New", email = "brand.new@example.com" },
        });
        await api.SetPoliciesAsync(p => p["approvalRequiredForNewPatients"] = false);

        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        var appointment = await booked.JsonAsync();
        appointment["status"]!.GetValue<string>().ShouldBe("pending-approval");
        var approved = await api.As(Desk).PostAsJsonAsync($"/api/appointments/{appointment["id"]}/status", new { status = "scheduled" });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approved.JsonAsync())["status"]!.GetValue<string>().ShouldBe("scheduled");
    }

    [Fact]
    public async Task Patients_cannot_hold_more_upcoming_bookings_than_the_clinic_allows_online()
    {
        await api.SetPoliciesAsync(p => p["maxFutureBookingsPerPatient"] = 1);
        var (service, location, slots) = await SlotsAsync("Dysport", 15);
        var client = api.As("capped.patient@example.com");
        object Request(int i) => new
        {
            serviceId = service.Id,
            locationId = location.Id,
            startTime = slots[i]!["startTime"]!.GetValue<string>(),
            patient = new { firstName = "Capped", lastName = "Patient", email = "capped.patient@example.com" },
        };

        var first = await client.PostAsJsonAsync("/api/booking/appointments?clinicId=demo", Request(0));
        var second = await client.PostAsJsonAsync("/api/booking/appointments", Request(slots.Count - 1));
        await api.SetPoliciesAsync(p => p["maxFutureBookingsPerPatient"] = 5);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("upcoming");
    }
}
