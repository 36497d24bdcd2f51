namespace MedSpa.Functions.Tests.Booking;

/// <summary>GET /api/appointments: what the desk and a practitioner see of a location's day.</summary>
public sealed class StaffCalendarTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Desk = $"frontdesk@{ApiHost.Demo}";
    private const string Injector = $"injector@{ApiHost.Demo}";

    private async Task<ClinicSetup> SetupAsync() => await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");

    /// <summary>The injector's location (SoHo) and a colleague working there.</summary>
    private async Task<(Location Location, StaffMember Injector, StaffMember Colleague, Service Service)> ColleagueAsync()
    {
        var setup = await SetupAsync();
        var injector = setup.Staff.Single(s => s.Email == Injector);
        var location = setup.Locations.Single(l => injector.WorkingHours.Any(h => h.LocationId == l.Id));
        var service = setup.Services.Single(s => s.Name == "Laser consultation");
        var colleague = setup.Staff.First(s => s.Id != injector.Id && service.PractitionerIds.Contains(s.Id) && s.WorkingHours.Any(h => h.LocationId == location.Id));
        return (location, injector, colleague, service);
    }

    private static async Task<JsonObject> CalendarAsync(HttpClient client, string locationId, string date, int days = 1)
    {
        var response = await client.GetAsync($"/api/appointments?locationId={locationId}&date={date}&days={days}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_practitioner_sees_colleagues_appointments_only_as_busy_blocks_and_the_desk_sees_them_in_full()
    {
        var (location, _, colleague, service) = await ColleagueAsync();
        var desk = api.As(Desk);
        var from = ClinicTime.For(location.TimeZone).LocalDate(DateTimeOffset.UtcNow).AddDays(3);
        var slots = await (await desk.GetAsync($"/api/booking/availability?serviceId={service.Id}&locationId={location.Id}&from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}&practitionerId={colleague.Id}")).JsonAsync();
        var start = slots["slots"]![0]!["startTime"]!.GetValue<string>();
        var booked = await desk.PostAsJsonAsync("/api/booking/appointments", new { serviceId = service.Id, locationId = location.Id, startTime = start, practitionerId = colleague.Id, patientId = "patient-demo-0001", bookingSource = "phone", notes = "Prefers mornings" });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        var appointment = await booked.JsonAsync();
        var date = start[..10];

        var forDesk = await CalendarAsync(desk, location.Id, date);
        var response = await api.As(Injector).GetAsync($"/api/appointments?locationId={location.Id}&date={date}&days=1");
        var raw = await response.Content.ReadAsStringAsync();
        var forInjector = JsonNode.Parse(raw)!.AsObject();

        var full = forDesk["appointments"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == appointment["id"]!.GetValue<string>())!;
        var patientName = full["patientName"]!.GetValue<string>();
        patientName.ShouldNotBeNullOrWhiteSpace();
        full["notes"]!.GetValue<string>().ShouldBe("Prefers mornings");
        forDesk["busy"]!.AsArray().ShouldBeEmpty();

        forInjector["appointments"]!.AsArray().ShouldNotContain(a => a!["id"]!.GetValue<string>() == appointment["id"]!.GetValue<string>());
        var block = forInjector["busy"]!.AsArray().Single(b => b!["startTime"]!.GetValue<string>() == start)!.AsObject();
        block.Select(p => p.Key).Order().ShouldBe(["endTime", "practitionerId", "source", "startTime"]);
        block["source"]!.GetValue<string>().ShouldBe("appointment");
        block["practitionerId"]!.GetValue<string>().ShouldBe(colleague.Id);
        block["endTime"]!.GetValue<string>().ShouldBe(appointment["endTime"]!.GetValue<string>());
        raw.ShouldNotContain(patientName);
        raw.ShouldNotContain("patient-demo-0001");
        raw.ShouldNotContain("Prefers mornings");
        raw.ShouldNotContain(appointment["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_calendar_gives_each_days_opening_hours_and_each_practitioners_working_hours_and_closures()
    {
        var (location, injector, _, _) = await ColleagueAsync();
        var monday = new DateOnly(2026, 12, 21);

        var week = await CalendarAsync(api.As(Desk), location.Id, monday.ToString("yyyy-MM-dd"), days: 7);

        var hours = week["hours"]!.AsArray();
        hours.Count.ShouldBe(7);
        var first = hours[0]!;
        first["date"]!.GetValue<string>().ShouldBe("2026-12-21");
        first["closure"].ShouldBeNull();
        first["open"]!.AsArray().Single()!["startTime"]!.GetValue<string>().ShouldBe("2026-12-21T08:00:00-05:00");
        first["open"]!.AsArray().Single()!["endTime"]!.GetValue<string>().ShouldBe("2026-12-21T20:00:00-05:00");
        var shift = injector.WorkingHours.First(h => h.Day == DayOfWeek.Monday && h.LocationId == location.Id);
        var working = first["working"]![injector.Id]!.AsArray().Single()!;
        working["startTime"]!.GetValue<string>().ShouldBe($"2026-12-21T{shift.Start}:00-05:00");
        working["endTime"]!.GetValue<string>().ShouldBe($"2026-12-21T{shift.End}:00-05:00");

        var christmas = hours.Single(h => h!["date"]!.GetValue<string>() == "2026-12-25")!;
        christmas["closure"]!.GetValue<string>().ShouldBe("Christmas Day");
        christmas["open"]!.AsArray().ShouldBeEmpty();
        var sunday = hours.Single(h => h!["date"]!.GetValue<string>() == "2026-12-27")!;
        sunday["closure"].ShouldBeNull();
        sunday["open"]!.AsArray().ShouldBeEmpty();
        sunday["working"]![injector.Id]!.AsArray().ShouldBeEmpty();
    }
}
