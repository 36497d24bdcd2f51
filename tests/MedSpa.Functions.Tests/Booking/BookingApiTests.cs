using System.Globalization;
namespace MedSpa.Functions.Tests.Booking;

public sealed class BookingApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Patient = $"patient@{ApiHost.Demo}";
    private const string Desk = $"frontdesk@{ApiHost.Demo}";

    private async Task<(Service Service, Location Location)> PickAsync(string serviceName)
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.Single(s => s.Name == serviceName);
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        return (service, location);
    }

    private async Task<JsonArray> SlotsAsync(HttpClient client, Service service, Location location, int fromDays = 2, int days = 7, string? practitionerId = null)
    {
        var from = ClinicTime.For(location.TimeZone).LocalDate(DateTimeOffset.UtcNow).AddDays(fromDays);
        var url = $"/api/booking/availability?clinicId=demo&serviceId={service.Id}&locationId={location.Id}&from={from:yyyy-MM-dd}&to={from.AddDays(days - 1):yyyy-MM-dd}"
            + (practitionerId is null ? "" : $"&practitionerId={practitionerId}");
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.JsonAsync())["slots"]!.AsArray();
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, Service service, Location location, string startTime, object? extra = null)
    {
        var body = new JsonObject { ["serviceId"] = service.Id, ["locationId"] = location.Id, ["startTime"] = startTime };
        if (extra is not null)
        {
            foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }

        return client.PostAsJsonAsync("/api/booking/appointments", body);
    }

    [Fact]
    public async Task Offered_times_carry_the_locations_offset_and_what_is_offered_can_be_booked()
    {
        var (service, location) = await PickAsync("Signature facial");
        var slots = await SlotsAsync(api.As(Patient), service, location);
        var start = slots[0]!["startTime"]!.GetValue<string>();

        var booked = await BookAsync(api.As(Patient), service, location, start);

        start.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$");
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        var appointment = await booked.JsonAsync();
        appointment["startTime"]!.GetValue<string>().ShouldBe(start);
        appointment["status"]!.GetValue<string>().ShouldBe("scheduled");
        appointment["bookingSource"]!.GetValue<string>().ShouldBe("online");
        (await SlotsAsync(api.As(Patient), service, location)).Select(s => s!["startTime"]!.GetValue<string>())
            .Where(s => s == start).Count().ShouldBeLessThan(slots.Count(s => s!["startTime"]!.GetValue<string>() == start) + 1);
    }

    [Fact]
    public async Task Booking_the_same_practitioner_at_the_same_time_twice_answers_409()
    {
        var (service, location) = await PickAsync("Dermaplaning");
        var slot = (await SlotsAsync(api.As(Desk), service, location, fromDays: 9))[0]!;
        var practitionerId = slot["practitionerIds"]![0]!.GetValue<string>();
        var request = new { practitionerId, patientId = "patient-demo-0001", bookingSource = "phone" };

        (await BookAsync(api.As(Desk), service, location, slot["startTime"]!.GetValue<string>(), request)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = await BookAsync(api.As(Desk), service, location, slot["startTime"]!.GetValue<string>(), request with { patientId = "patient-demo-0002" });

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        second.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await second.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("taken");
    }

    [Fact]
    public async Task Online_bookings_need_the_clinics_minimum_notice()
    {
        var (service, location) = await PickAsync("Signature facial");
        var soon = DateTimeOffset.UtcNow.AddMinutes(30);
        var start = ClinicTime.ToIsoString(new DateTimeOffset(soon.Year, soon.Month, soon.Day, soon.Hour, 0, 0, TimeSpan.Zero), location.TimeZone);

        var response = await BookAsync(api.As(Patient), service, location, start);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_staff_choose_the_booking_source_and_the_patient()
    {
        var (service, location) = await PickAsync("Signature facial");
        var start = (await SlotsAsync(api.As(Patient), service, location))[0]!["startTime"]!.GetValue<string>();

        var response = await BookAsync(api.As(Patient), service, location, start, new { bookingSource = "walk-in", patientId = "patient-demo-0003" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!["bookingSource"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_treatment_that_needs_a_consultation_is_refused_until_one_is_booked()
    {
        var (filler, location) = await PickAsync("Lip filler");
        var (consult, _) = await PickAsync("Aesthetic consultation");
        var client = api.As(Desk);
        var fillerStart = (await SlotsAsync(client, filler, location, fromDays: 12))[0]!["startTime"]!.GetValue<string>();

        var refused = await BookAsync(client, filler, location, fillerStart, new { patientId = "patient-demo-0004", bookingSource = "phone" });
        // The consultation strictly before the treatment, whatever weekday the suite runs on (from days 11 and 12, both could
        // land on the same Monday after a closed weekend).
        var consultStart = (await SlotsAsync(client, consult, location, fromDays: 4))
            .Select(s => s!["startTime"]!.GetValue<string>()).First(s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) < DateTimeOffset.Parse(fillerStart, CultureInfo.InvariantCulture));
        (await BookAsync(client, consult, location, consultStart, new { patientId = "patient-demo-0004", bookingSource = "phone" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var accepted = await BookAsync(client, filler, location, fillerStart, new { patientId = "patient-demo-0004", bookingSource = "phone" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("consultation");
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Cancelling_late_is_flagged_and_frees_the_time_at_once()
    {
        var appointment = await api.BookFirstFreeAsync("demo", "patient-demo-0000", "Dysport", dayOffset: 0);
        var client = api.As(Patient);

        var response = await client.DeleteAsync($"/api/booking/appointments/{appointment.Id}?reason=sick");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cancelled = await response.JsonAsync();
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["lateCancellation"]!.GetValue<bool>().ShouldBe(appointment.StartTime - DateTimeOffset.UtcNow < TimeSpan.FromHours(24));
        var again = await api.BookFirstFreeAsync("demo", "patient-demo-0002", "Dysport", dayOffset: 0);
        again.StartTime.ShouldBe(appointment.StartTime);
    }

    [Fact]
    public async Task A_patient_sees_their_bookings_by_tab_and_never_someone_elses()
    {
        var mine = await api.BookFirstFreeAsync("demo", "patient-demo-0000", "Xeomin", dayOffset: 5);
        var theirs = await api.BookFirstFreeAsync("demo", "patient-demo-0001", "Xeomin", dayOffset: 5);

        var tabs = await (await api.As(Patient).GetAsync("/api/booking/my-appointments")).JsonAsync();
        var other = await api.As(Patient).GetAsync($"/api/booking/appointments/{theirs.Id}");

        tabs["upcoming"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ShouldContain(mine.Id);
        tabs["upcoming"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ShouldNotContain(theirs.Id);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_patient_reschedules_straight_from_my_appointments_with_the_version_it_lists()
    {
        var appointment = await api.BookFirstFreeAsync("demo", "patient-demo-0000", "VI Peel", dayOffset: 18);
        var client = api.As(Patient);
        var listed = (await (await client.GetAsync("/api/booking/my-appointments")).JsonAsync())["upcoming"]!.AsArray()
            .Single(a => a!["id"]!.GetValue<string>() == appointment.Id)!;
        var etag = listed["etag"]!.GetValue<string>();
        var (service, location) = await PickAsync("VI Peel");
        var later = (await SlotsAsync(client, service, location, fromDays: 20)).Last()!["startTime"]!.GetValue<string>();

        etag.ShouldNotBeNullOrWhiteSpace();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/booking/appointments/{appointment.Id}") { Content = JsonContent.Create(new { startTime = later }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{etag}\"");
        var moved = await client.SendAsync(request);

        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await moved.JsonAsync())["startTime"]!.GetValue<string>().ShouldBe(later);
    }

    [Fact]
    public async Task Rescheduling_moves_the_booking_and_frees_the_old_time()
    {
        var appointment = await api.BookFirstFreeAsync("demo", "patient-demo-0000", "VI Peel", dayOffset: 14);
        var client = api.As(Patient);
        var current = await client.GetAsync($"/api/booking/appointments/{appointment.Id}");
        var etag = current.Headers.ETag!.Tag;
        var (service, location) = await PickAsync("VI Peel");
        var later = (await SlotsAsync(client, service, location, fromDays: 16)).Last()!["startTime"]!.GetValue<string>();

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/booking/appointments/{appointment.Id}") { Content = JsonContent.Create(new { startTime = later }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var moved = await client.SendAsync(request);

        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await moved.JsonAsync())["startTime"]!.GetValue<string>().ShouldBe(later);
        var rebooked = await api.BookFirstFreeAsync("demo", "patient-demo-0003", "VI Peel", dayOffset: 14);
        rebooked.StartTime.ShouldBe(appointment.StartTime);
    }

    [Fact]
    public async Task The_desk_sees_the_booking_on_the_calendar_and_checks_the_patient_in_by_code()
    {
        var appointment = await api.BookFirstFreeAsync("demo", "patient-demo-0000", "Lip flip", dayOffset: 0);
        var client = api.As(Desk);

        var calendar = await (await client.GetAsync($"/api/appointments?locationId={appointment.LocationId}&date={appointment.LocalDate}&days=1")).JsonAsync();
        HttpResponseMessage checkedIn, completed, cancelled;
        // On the visit's day, whatever the hour the suite runs (late in the day the first free time is tomorrow's).
        using (api.Clock.At(appointment.StartTime.AddMinutes(-10)))
        {
            checkedIn = await client.PostAsJsonAsync("/api/appointments/check-in", new { code = appointment.CheckInCode });
            // A lip flip needs the neurotoxin consent, which this patient has not signed: completing says why (FormsApiTests).
            completed = await client.PostAsJsonAsync($"/api/appointments/{appointment.Id}/status", new { status = "completed", overrideReason = "Consent signed on paper." });
            cancelled = await client.PostAsJsonAsync($"/api/appointments/{appointment.Id}/status", new { status = "cancelled" });
        }

        calendar["appointments"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ShouldContain(appointment.Id);
        calendar["practitioners"]!.AsArray().Count.ShouldBeGreaterThan(0);
        checkedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await checkedIn.JsonAsync())["status"]!.GetValue<string>().ShouldBe("arrived");
        completed.StatusCode.ShouldBe(HttpStatusCode.OK);
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Checking_a_booking_creates_nobody()
    {
        var (service, location) = await PickAsync("Signature facial");
        var client = api.As("just.looking@example.com");
        var start = (await SlotsAsync(client, service, location, fromDays: 21))[0]!["startTime"]!.GetValue<string>();
        var desk = api.As($"frontdesk@{ApiHost.Demo}");
        var before = api.Snapshot();

        var selfCheck = await client.PostAsJsonAsync("/api/booking/validate-booking?clinicId=demo", new
        {
            serviceId = service.Id, locationId = location.Id, startTime = start,
            patient = new { firstName = "Just", lastName = "Looking", email = "just.looking@example.com" },
        });
        var deskCheck = await desk.PostAsJsonAsync("/api/booking/validate-booking", new
        {
            serviceId = service.Id, locationId = location.Id, startTime = start, bookingSource = "phone",
            patient = new { firstName = "Walk", lastName = "In", phone = "+1 212 555 0100" },
        });

        selfCheck.StatusCode.ShouldBe(HttpStatusCode.OK);
        deskCheck.StatusCode.ShouldBe(HttpStatusCode.OK);
        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Notes_written_when_booking_are_kept_and_shown_to_the_desk_and_the_patient()
    {
        var (service, location) = await PickAsync("Signature facial");
        var patient = api.As(Patient);
        var start = (await SlotsAsync(patient, service, location, fromDays: 22))[0]!["startTime"]!.GetValue<string>();

        var booked = await patient.PostAsJsonAsync("/api/booking/appointments", new
        {
            serviceId = service.Id, locationId = location.Id, startTime = start, notes = "  Sensitive skin; please use the fragrance-free line.\nRunning 5 min late.  ",
        });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await booked.JsonAsync())["id"]!.GetValue<string>();

        var asDesk = await (await api.As($"frontdesk@{ApiHost.Demo}").GetAsync($"/api/booking/appointments/{id}")).JsonAsync();
        asDesk["notes"]!.GetValue<string>().ShouldBe("Sensitive skin; please use the fragrance-free line.\nRunning 5 min late.");
        var mine = (await (await patient.GetAsync("/api/booking/my-appointments")).JsonAsync())["upcoming"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == id)!;
        mine["notes"]!.GetValue<string>().ShouldBe("Sensitive skin; please use the fragrance-free line.\nRunning 5 min late.");
    }

    [Fact]
    public async Task The_desk_edits_an_appointments_notes_with_its_version_and_a_missing_version_changes_nothing()
    {
        var appointment = await api.BookFirstFreeAsync("demo", "patient-demo-0002", "Signature facial", dayOffset: 24);
        var desk = api.As($"frontdesk@{ApiHost.Demo}");
        var etag = (await desk.GetAsync($"/api/booking/appointments/{appointment.Id}")).Headers.ETag!.Tag;
        var before = api.Snapshot();

        var unversioned = await desk.PutAsJsonAsync($"/api/booking/appointments/{appointment.Id}", new { notes = "Lost?" });
        unversioned.StatusCode.ShouldBe((HttpStatusCode)428);
        api.Snapshot().ShouldBe(before);

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/booking/appointments/{appointment.Id}") { Content = JsonContent.Create(new { notes = "Prefers the window room.\nBring the consent." }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var saved = await desk.SendAsync(request);

        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await saved.JsonAsync())["notes"]!.GetValue<string>().ShouldBe("Prefers the window room.\nBring the consent.");
        DateTimeOffset.Parse((await (await desk.GetAsync($"/api/booking/appointments/{appointment.Id}")).JsonAsync())["startTime"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture).ShouldBe(appointment.StartTime); // the time is untouched
    }

    [Fact]
    public async Task A_patient_record_made_by_booking_is_audited()
    {
        var (service, location) = await PickAsync("Signature facial");
        var desk = api.As($"frontdesk@{ApiHost.Demo}");
        var start = (await SlotsAsync(desk, service, location, fromDays: 23))[0]!["startTime"]!.GetValue<string>();

        var booked = await desk.PostAsJsonAsync("/api/booking/appointments", new
        {
            serviceId = service.Id, locationId = location.Id, startTime = start, bookingSource = "walk-in",
            patient = new { firstName = "Audited", lastName = "Walkin", email = "audited.walkin@example.com" },
        });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        var patientId = (await booked.JsonAsync())["patientId"]!.GetValue<string>();

        var entries = await api.Store.QueryAllAsync<MedSpa.Core.Audit.AuditEntry>(Partitions.Audit, "demo", new DocumentQuery());
        var created = entries.Select(e => e.Body).Single(e => e.Action == "create patient" && e.ResourceId == patientId);
        created.Actor.Email.ShouldBe($"frontdesk@{ApiHost.Demo}");
    }

    [Fact]
    public async Task A_practitioner_may_check_in_their_own_patient_but_not_cancel_and_the_answer_lists_what_they_may_do()
    {
        var injector = api.As($"injector@{ApiHost.Demo}");
        var staffId = (await (await injector.GetAsync("/api/me")).JsonAsync())["staffId"]!.GetValue<string>();
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.First(s => s.PractitionerIds.Contains(staffId) && !s.RequiresConsultation);
        var location = setup.Locations.First(l => setup.Staff.Single(m => m.Id == staffId).WorkingHours.Any(h => h.LocationId == l.Id));
        var desk = api.As($"frontdesk@{ApiHost.Demo}");
        var start = (await SlotsAsync(desk, service, location, fromDays: 3, practitionerId: staffId))[0]!["startTime"]!.GetValue<string>();
        var booked = await desk.PostAsJsonAsync("/api/booking/appointments", new
        {
            serviceId = service.Id, locationId = location.Id, startTime = start, practitionerId = staffId, patientId = "patient-demo-0003", bookingSource = "phone",
        });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await booked.JsonAsync())["id"]!.GetValue<string>();
        var before = api.Snapshot();

        var asInjector = await (await injector.GetAsync($"/api/booking/appointments/{id}")).JsonAsync();
        var asDesk = await (await desk.GetAsync($"/api/booking/appointments/{id}")).JsonAsync();
        var cancel = await injector.DeleteAsync($"/api/booking/appointments/{id}");
        var noShow = await injector.PostAsJsonAsync($"/api/appointments/{id}/status", new { status = "no-show" });
        var arrivedEarly = await desk.PostAsJsonAsync($"/api/appointments/{id}/status", new { status = "arrived" });

        asInjector["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBeEmpty(); // three days ahead: not yet
        asDesk["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["confirmed", "cancelled", "reschedule"]);
        cancel.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        noShow.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        arrivedEarly.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await arrivedEarly.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("from that day");
        api.Snapshot().ShouldBe(before);

        using (api.Clock.At(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(-10)))
        {
            var now = await (await injector.GetAsync($"/api/booking/appointments/{id}")).JsonAsync();
            now["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["arrived"]);
            (await injector.PostAsJsonAsync($"/api/appointments/{id}/status", new { status = "arrived" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_new_person_self_registers_while_booking_and_becomes_the_patient()
    {
        var (service, location) = await PickAsync("Signature facial");
        var client = api.As("new.person@example.com");
        var start = (await SlotsAsync(client, service, location, fromDays: 20))[0]!["startTime"]!.GetValue<string>();

        var response = await client.PostAsJsonAsync("/api/booking/appointments?clinicId=demo", new
        {
            serviceId = service.Id,
            locationId = location.Id,
            startTime = start,
            patient = new { firstName = "New", lastName = "Person", email = "new.person@example.com" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var me = await (await client.GetAsync("/api/me")).JsonAsync();
        me["role"]!.GetValue<string>().ShouldBe("patient");
        me["patientId"]!.GetValue<string>().ShouldBe((await response.JsonAsync())["patientId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Staff_quick_create_recognises_an_existing_patient_by_email()
    {
        var client = api.As(Desk);

        var first = await client.PostAsJsonAsync("/api/patients", new { firstName = "Quinn", lastName = "Quick", email = "Quinn.Quick@example.com" });
        var second = await client.PostAsJsonAsync("/api/patients", new { firstName = "Quinn", lastName = "Q", email = "quinn.quick@example.com" });

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.JsonAsync())["id"]!.GetValue<string>().ShouldBe((await first.JsonAsync())["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Availability_refuses_more_than_31_days_at_once()
    {
        var (service, location) = await PickAsync("Signature facial");

        var response = await api.Anonymous().GetAsync($"/api/booking/availability?clinicId=demo&serviceId={service.Id}&locationId={location.Id}&from=2027-01-01&to=2027-03-01");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!["to"].ShouldNotBeNull();
    }
}
