namespace MedSpa.Functions.Tests.Booking;

public sealed class VisitAndSeriesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Desk = $"frontdesk@{ApiHost.Demo}";

    private async Task<(ClinicSetup Setup, Location Location)> LocationAsync(string name)
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        return (setup, setup.Locations.Single(l => l.Name == name));
    }

    private static DateOnly NextWeekday(DateOnly day, int ahead)
    {
        day = day.AddDays(ahead);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    [Fact]
    public async Task A_visit_books_its_services_back_to_back_in_one_request()
    {
        // The demo clinic's estheticians work at Venice.
        var (setup, soho) = await LocationAsync("Venice");
        var day = NextWeekday(ClinicTime.For(soho.TimeZone).LocalDate(DateTimeOffset.UtcNow), 8);
        var start = ClinicTime.ToIsoString(ClinicTime.For(soho.TimeZone).ToInstant(day, new TimeOnly(10, 0))!.Value, soho.TimeZone);
        var facial = setup.Services.Single(s => s.Name == "Dermaplaning");
        var peel = setup.Services.Single(s => s.Name == "Superficial chemical peel");

        var response = await api.As(Desk).PostAsJsonAsync("/api/booking/visits", new
        {
            locationId = soho.Id,
            startTime = start,
            patientId = "patient-demo-0001",
            bookingSource = "walk-in",
            items = new[] { new { serviceId = facial.Id }, new { serviceId = peel.Id } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var appointments = (await response.JsonAsync())["appointments"]!.AsArray();
        appointments.Count.ShouldBe(2);
        var first = DateTimeOffset.Parse(appointments[0]!["startTime"]!.GetValue<string>());
        var second = DateTimeOffset.Parse(appointments[1]!["startTime"]!.GetValue<string>());
        appointments[0]!["startTime"]!.GetValue<string>().ShouldBe(start);
        // Right after the facial and its buffer (10:40), on the clinic's 15-minute grid: 10:45.
        var earliest = facial.DurationMinutes + facial.BufferAfterMinutes + peel.BufferBeforeMinutes;
        second.ShouldBe(first.AddMinutes(Math.Ceiling(earliest / 15.0) * 15));
        appointments.Select(a => a!["bookingSource"]!.GetValue<string>()).ShouldAllBe(s => s == "walk-in");
    }

    [Fact]
    public async Task A_visit_whose_later_service_cannot_be_had_books_nothing()
    {
        var (setup, soho) = await LocationAsync("Venice");
        var day = NextWeekday(ClinicTime.For(soho.TimeZone).LocalDate(DateTimeOffset.UtcNow), 9);
        var start = ClinicTime.ToIsoString(ClinicTime.For(soho.TimeZone).ToInstant(day, new TimeOnly(18, 15))!.Value, soho.TimeZone);
        var before = await api.Services.GetRequiredService<AppointmentStore>().ForPatientAsync("demo", "patient-demo-0002");

        // A 30-minute dermaplaning fits before the estheticians' day ends at 19:00; a 60-minute HydraFacial after it does not.
        var response = await api.As(Desk).PostAsJsonAsync("/api/booking/visits", new
        {
            locationId = soho.Id,
            startTime = start,
            patientId = "patient-demo-0002",
            items = new[] { new { serviceId = setup.Services.Single(s => s.Name == "Dermaplaning").Id }, new { serviceId = setup.Services.Single(s => s.Name == "HydraFacial").Id } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("Nothing was booked");
        (await api.Services.GetRequiredService<AppointmentStore>().ForPatientAsync("demo", "patient-demo-0002")).Count.ShouldBe(before.Count);
        var slots = await api.Services.GetRequiredService<FindAvailability>().FindAsync("demo",
            new AvailabilityQuery(setup.Services.Single(s => s.Name == "Dermaplaning").Id, soho.Id, day.ToString("yyyy-MM-dd"), day.ToString("yyyy-MM-dd"), null), online: false);
        slots.Value!.Slots.ShouldContain(s => ClinicTime.ToIsoString(s.Start, soho.TimeZone) == start);
    }

    [Fact]
    public async Task A_series_books_each_session_at_the_same_local_time_and_offers_alternatives_where_taken()
    {
        var (setup, soho) = await LocationAsync("SoHo");
        var service = setup.Services.Single(s => s.Name == "Microneedling");
        var practitioner = setup.Staff.First(s => service.PractitionerIds.Contains(s.Id) && s.WorkingHours.Any(h => h.LocationId == soho.Id && h.Day == DayOfWeek.Tuesday));
        var time = ClinicTime.For(soho.TimeZone);
        var tuesday = time.LocalDate(DateTimeOffset.UtcNow).AddDays(7);
        while (tuesday.DayOfWeek != DayOfWeek.Tuesday)
        {
            tuesday = tuesday.AddDays(1);
        }

        var hour = new TimeOnly(practitioner.WorkingHours.First(h => h.LocationId == soho.Id && h.Day == DayOfWeek.Tuesday).Start == "08:00" ? 11 : 14, 0);
        var first = time.ToInstant(tuesday, hour)!.Value;
        // Someone already has the practitioner at session 3's time.
        var third = time.ToInstant(tuesday.AddDays(28), hour)!.Value;
        api.Services.GetRequiredService<DomainEventQueue>().BeginCollecting(); // the blocker's follow-ups (its confirmation) are not this test's
        var blocker = await api.Services.GetRequiredService<BookAppointment>().BookAsync(
            new Booker("demo", new Core.Access.Caller("d", Desk, "Desk", "demo", Core.Access.Role.FrontDesk)),
            new BookingRequest(service.Id, soho.Id, ClinicTime.ToIsoString(third, soho.TimeZone), practitioner.Id, "patient-demo-0004", null, null, "phone"));
        blocker.IsSuccess.ShouldBeTrue(blocker.Error?.Detail);

        var started = await api.As(Desk).PostAsJsonAsync("/api/booking/series", new
        {
            patientId = "patient-demo-0003",
            serviceId = service.Id,
            locationId = soho.Id,
            practitionerId = practitioner.Id,
            firstStartTime = ClinicTime.ToIsoString(first, soho.TimeZone),
            sessions = 4,
            intervalWeeks = 2,
        });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var instanceId = (await started.JsonAsync())["instanceId"]!.GetValue<string>();

        JsonObject result = new();
        for (var i = 0; i < 200 && result["status"]?.GetValue<string>() != "Completed"; i++)
        {
            await Task.Delay(50);
            result = await (await api.As(Desk).GetAsync($"/api/booking/series/{Uri.EscapeDataString(instanceId)}")).JsonAsync();
        }

        result["status"]!.GetValue<string>().ShouldBe("Completed");
        result["progress"]!.GetValue<string>().ShouldBe("needs attention");
        var sessions = result["sessions"]!.AsArray();
        sessions.Count.ShouldBe(4);
        sessions.Where(s => s!["appointmentId"] is not null).Select(s => s!["number"]!.GetValue<int>()).ShouldBe([1, 2, 4]);
        sessions.Where(s => s!["appointmentId"] is not null).Select(s => TimeOnly.FromDateTime(time.LocalDateTime(DateTimeOffset.Parse(s!["bookedStart"]!.GetValue<string>()))))
            .ShouldAllBe(t => t == hour);
        var unplaced = sessions.Single(s => s!["number"]!.GetValue<int>() == 3)!;
        unplaced["alternatives"]!.AsArray().Count.ShouldBeGreaterThan(0);
        unplaced["problem"]!.GetValue<string>().ShouldContain("taken");
    }

    [Fact]
    public async Task A_series_needs_a_sane_plan()
    {
        var response = await api.As(Desk).PostAsJsonAsync("/api/booking/series", new { patientId = "patient-demo-0003", serviceId = "x", locationId = "y", firstStartTime = "tomorrow", sessions = 40, intervalWeeks = 0 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["firstStartTime", "sessions", "intervalWeeks"], ignoreOrder: true);
    }
}
