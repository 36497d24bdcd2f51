using MedSpa.Core.Notifications;
using MedSpa.Functions.Orchestrations;
using MedSpa.Core.Waitlist;

namespace MedSpa.Functions.Tests.Waitlist;

/// <summary>
/// Patients join the waitlist; a cancellation offers the freed time to the best matches a few at a time; the first
/// to accept is booked, the others are told it is gone; a closed window passes the time to the next patients.
/// Each test uses its own service and patients, so the offers of one never reach another's.
/// </summary>
public sealed class WaitlistApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Desk = $"frontdesk@{ApiHost.Demo}";

    private sealed record Waiter(string PatientId, HttpClient Client);

    /// <summary>A new patient of the demo clinic with their own sign-in.</summary>
    private async Task<Waiter> WaiterAsync(string name)
    {
        var email = $"{name}@waitlist.test";
        var created = await api.Services.GetRequiredService<PatientStore>().FindOrCreateAsync("demo", new NewPatient("Wait", name, email, null));
        var patientId = created.Value.Patient.Id;
        await api.Services.GetRequiredService<UserStore>().LinkAsync(new DirectoryEntry(email, "demo", Role.Patient, name, PatientId: patientId));
        return new Waiter(patientId, api.As(email));
    }

    private static async Task<JsonObject> JoinAsync(Waiter waiter, Appointment freed, string? practitionerId = null)
    {
        var response = await waiter.Client.PostAsJsonAsync("/api/booking/waitlist",
            new { serviceId = freed.ServiceId, locationId = freed.LocationId, practitionerId, fromDate = freed.LocalDate, toDate = freed.LocalDate });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private async Task<IReadOnlyList<PatientNotice>> NoticesAsync(Waiter waiter) =>
        await api.Services.GetRequiredService<PatientNoticeStore>().ForPatientAsync("demo", waiter.PatientId);

    /// <summary>The id of the offer the patient was told about (the notice's id names it), once it arrives.</summary>
    private async Task<string> OfferIdAsync(Waiter waiter, string freedAppointmentId)
    {
        var expected = WaitlistSlotOffer.IdFor(freedAppointmentId, await EntryIdAsync(waiter));
        await NoticeAsync(waiter, $"{expected}:offered");
        return expected;
    }

    private static async Task<string> EntryIdAsync(Waiter waiter) =>
        (await (await waiter.Client.GetAsync("/api/booking/waitlist?includeClosed=true")).JsonAsync())["items"]!.AsArray().Single()!["id"]!.GetValue<string>();

    private async Task<PatientNotice> NoticeAsync(Waiter waiter, string id)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await NoticesAsync(waiter)).FirstOrDefault(n => n.Id == id) is { } notice)
            {
                return notice;
            }

            await Task.Delay(50);
        }

        var status = await (await api.AsAdmin().GetAsync($"/api/admin/orchestrations/{Uri.EscapeDataString(WaitlistOffer.InstanceIdFor("demo", id.Split(':')[0]))}")).Content.ReadAsStringAsync();
        throw new TimeoutException($"No notice {id} for {waiter.PatientId}; it has {string.Join(", ", (await NoticesAsync(waiter)).Select(n => n.Id))}. {status}");
    }

    private async Task CancelAsync(Appointment appointment) =>
        (await api.As(Desk).DeleteAsync($"/api/booking/appointments/{appointment.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

    private static Task<HttpResponseMessage> AcceptAsync(Waiter waiter, string offerId) =>
        waiter.Client.PostAsync($"/api/booking/waitlist/offers/{offerId}/accept", null);

    [Fact]
    public async Task A_cancellation_offers_the_time_to_the_three_best_matches_with_a_notice()
    {
        var freed = await api.BookFirstFreeAsync("demo", "patient-demo-0001", "Dermaplaning", dayOffset: 3);
        var (early, anyone, later, last) = (await WaiterAsync("early"), await WaiterAsync("anyone"), await WaiterAsync("later"), await WaiterAsync("last"));
        await JoinAsync(early, freed);
        await JoinAsync(anyone, freed);
        await JoinAsync(later, freed);
        await JoinAsync(last, freed, practitionerId: freed.PractitionerId);

        await CancelAsync(freed);

        // The one who named the practitioner first, then those who take anyone by when they joined.
        foreach (var offered in new[] { last, early, anyone })
        {
            var notice = await NoticeAsync(offered, $"{WaitlistSlotOffer.IdFor(freed.Id, await EntryIdAsync(offered))}:offered");
            notice.Subject.ShouldBe("A time opened up");
            notice.Body.ShouldContain("Dermaplaning");
            var offerId = WaitlistSlotOffer.IdFor(freed.Id, await EntryIdAsync(offered));
            notice.Template.ShouldBe(MedSpa.Core.Messaging.MessageKind.WaitlistOffer);
            notice.Values!["link"].ShouldBe($"/patient/waitlist?offer={Uri.EscapeDataString(offerId)}", "where the patient accepts it");
            notice.Body.ShouldContain($"to book it: {notice.Values["link"]}");
            notice.UsefulUntil.ShouldNotBeNull();
            notice.UsefulUntil.Value.ShouldBeGreaterThan(notice.At, "never sent after the offer's window closes");
        }

        (await NoticesAsync(later)).ShouldBeEmpty();
        var entry = (await (await last.Client.GetAsync("/api/booking/waitlist")).JsonAsync())["items"]!.AsArray().Single()!;
        entry["status"]!.GetValue<string>().ShouldBe("offered");
        var offer = await (await last.Client.GetAsync($"/api/booking/waitlist/offers/{entry["currentOfferId"]}")).JsonAsync();
        offer["status"]!.GetValue<string>().ShouldBe("open");
        offer["startTime"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$");
        DateTimeOffset.Parse(offer["startTime"]!.GetValue<string>()).ShouldBe(freed.StartTime);
    }

    [Fact]
    public async Task Offers_write_times_the_clinics_way_a_24_hour_clinic_reads_no_AM_or_PM()
    {
        await api.SetPoliciesAsync(p => p["clockFormat"] = "24h");
        try
        {
            var freed = await api.BookFirstFreeAsync("demo", "patient-demo-0001", "Myers' cocktail IV", dayOffset: 4);
            var waiter = await WaiterAsync("clock24");
            await JoinAsync(waiter, freed);

            await CancelAsync(freed);

            var notice = await NoticeAsync(waiter, $"{await OfferIdAsync(waiter, freed.Id)}:offered");
            notice.Body.ShouldMatch(@" at \d\d:\d\d\. Accept it by \d\d:\d\d to book it");
            notice.Body.ShouldNotContain(" AM");
            notice.Body.ShouldNotContain(" PM");
        }
        finally
        {
            await api.SetPoliciesAsync(p => p["clockFormat"] = "12h");
        }
    }

    [Fact]
    public async Task The_first_to_accept_is_booked_and_the_next_gets_409_already_taken()
    {
        var freed = await api.BookFirstFreeAsync("demo", "patient-demo-0002", "Superficial chemical peel", dayOffset: 4);
        var (first, second, third) = (await WaiterAsync("first"), await WaiterAsync("second"), await WaiterAsync("third"));
        foreach (var waiter in new[] { first, second, third })
        {
            await JoinAsync(waiter, freed);
        }

        await CancelAsync(freed);
        var firstOffer = await OfferIdAsync(first, freed.Id);
        var secondOffer = await OfferIdAsync(second, freed.Id);
        await OfferIdAsync(third, freed.Id);

        var accepted = await AcceptAsync(first, firstOffer);
        var late = await AcceptAsync(second, secondOffer);

        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var booked = await accepted.JsonAsync();
        booked["patientId"]!.GetValue<string>().ShouldBe(first.PatientId);
        booked["serviceId"]!.GetValue<string>().ShouldBe(freed.ServiceId);
        DateTimeOffset.Parse(booked["startTime"]!.GetValue<string>()).ShouldBe(freed.StartTime);
        booked["status"]!.GetValue<string>().ShouldBe("scheduled");
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        late.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await late.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("already been taken");

        (await NoticeAsync(first, $"{firstOffer}:booked")).Subject.ShouldBe("You're booked");
        await NoticeAsync(second, $"{secondOffer}:gone");
        await NoticeAsync(third, $"{WaitlistSlotOffer.IdFor(freed.Id, await EntryIdAsync(third))}:gone");
        var entries = (await (await first.Client.GetAsync("/api/booking/waitlist?includeClosed=true")).JsonAsync())["items"]!.AsArray();
        entries.Single()!["status"]!.GetValue<string>().ShouldBe("booked");
        entries.Single()!["appointmentId"]!.GetValue<string>().ShouldBe(booked["id"]!.GetValue<string>());
        (await (await second.Client.GetAsync("/api/booking/waitlist")).JsonAsync())["items"]!.AsArray().Single()!["status"]!.GetValue<string>().ShouldBe("active");
        (await AcceptAsync(first, firstOffer)).StatusCode.ShouldBe(HttpStatusCode.OK, "accepting twice answers the same booking");
    }

    [Fact]
    public async Task When_the_window_closes_the_time_goes_to_the_next_patients_and_a_late_accept_gets_410()
    {
        var freed = await api.BookFirstFreeAsync("demo", "patient-demo-0003", "VI Peel", dayOffset: 5);
        var waiters = new List<Waiter>();
        foreach (var name in new[] { "round1a", "round1b", "round1c", "round2a", "round2b" })
        {
            var waiter = await WaiterAsync(name);
            await JoinAsync(waiter, freed);
            waiters.Add(waiter);
        }

        await CancelAsync(freed);
        var firstRound = new List<string>();
        foreach (var waiter in waiters.Take(3))
        {
            firstRound.Add(await OfferIdAsync(waiter, freed.Id));
        }

        (await NoticesAsync(waiters[3])).ShouldBeEmpty();

        using (api.Clock.At(DateTimeOffset.UtcNow + WaitlistOfferRules.ResponseWindow + TimeSpan.FromMinutes(1)))
        {
            var nextOffer = await OfferIdAsync(waiters[3], freed.Id);
            await OfferIdAsync(waiters[4], freed.Id);
            (await NoticeAsync(waiters[0], $"{firstRound[0]}:expired")).Body.ShouldContain("still on the waitlist");

            var tooLate = await AcceptAsync(waiters[0], firstRound[0]);
            var inTime = await AcceptAsync(waiters[3], nextOffer);

            tooLate.StatusCode.ShouldBe(HttpStatusCode.Gone);
            tooLate.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            inTime.StatusCode.ShouldBe(HttpStatusCode.OK, await inTime.Content.ReadAsStringAsync());
            (await inTime.JsonAsync())["patientId"]!.GetValue<string>().ShouldBe(waiters[3].PatientId);
            (await (await waiters[0].Client.GetAsync("/api/booking/waitlist")).JsonAsync())["items"]!.AsArray().Single()!["status"]!.GetValue<string>().ShouldBe("active");
        }
    }

    [Fact]
    public async Task A_no_show_or_cancel_from_the_calendar_also_offers_the_time()
    {
        var freed = await api.BookFirstFreeAsync("demo", "patient-demo-0004", "Microneedling", dayOffset: 6);
        var waiter = await WaiterAsync("calendar");
        await JoinAsync(waiter, freed);

        (await api.As(Desk).PostAsJsonAsync($"/api/appointments/{freed.Id}/status", new { status = "cancelled", reason = "patient called" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await OfferIdAsync(waiter, freed.Id);
    }

    [Fact]
    public async Task Joining_checks_every_field_and_names_each_error()
    {
        var patient = await WaiterAsync("invalid");

        var response = await patient.Client.PostAsJsonAsync("/api/booking/waitlist",
            new { serviceId = "nope", locationId = "", fromDate = "tomorrow", toDate = "2020-01-01", timesOfDay = new[] { "night" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).Order().ShouldBe(["fromDate", "locationId", "serviceId", "timesOfDay"]);
        (await (await patient.Client.GetAsync("/api/booking/waitlist?includeClosed=true")).JsonAsync())["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_add_a_named_patient_and_see_the_locations_waitlist()
    {
        var freed = await api.BookFirstFreeAsync("demo", "patient-demo-0001", "Lip flip", dayOffset: 8);
        var patient = await WaiterAsync("byphone");

        var missing = await api.As(Desk).PostAsJsonAsync("/api/booking/waitlist", new { serviceId = freed.ServiceId, locationId = freed.LocationId, fromDate = freed.LocalDate, toDate = freed.LocalDate });
        var added = await api.As(Desk).PostAsJsonAsync("/api/booking/waitlist",
            new { patientId = patient.PatientId, serviceId = freed.ServiceId, locationId = freed.LocationId, fromDate = freed.LocalDate, toDate = freed.LocalDate, timesOfDay = new[] { "morning", "evening" } });

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.JsonAsync())["errors"]!["patientId"].ShouldNotBeNull();
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        var entry = await added.JsonAsync();
        entry["timesOfDay"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["morning", "evening"]);
        entry["createdBy"]!.GetValue<string>().ShouldBe(Desk);
        var listed = (await (await api.As(Desk).GetAsync($"/api/booking/waitlist?locationId={freed.LocationId}")).JsonAsync())["items"]!.AsArray();
        listed.ShouldContain(e => e!["id"]!.GetValue<string>() == entry["id"]!.GetValue<string>() && e["patientName"]!.GetValue<string>() == "Wait byphone");
        (await api.As(Desk).GetAsync("/api/booking/waitlist?locationId=nowhere")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_patient_may_wait_for_at_most_five_times_at_once()
    {
        var freed = await api.BookFirstFreeAsync("demo", "patient-demo-0002", "Lip flip", dayOffset: 9);
        var patient = await WaiterAsync("eager");
        var joined = new List<JsonObject>();
        for (var i = 0; i < JoinWaitlist.MaxWaitingPerPatient; i++)
        {
            joined.Add(await JoinAsync(patient, freed));
        }

        var sixth = await patient.Client.PostAsJsonAsync("/api/booking/waitlist", new { serviceId = freed.ServiceId, locationId = freed.LocationId, fromDate = freed.LocalDate, toDate = freed.LocalDate });

        sixth.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await sixth.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("5");
        (await patient.Client.DeleteAsync($"/api/booking/waitlist/{joined[0]["id"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await JoinAsync(patient, freed);
    }

    [Fact]
    public async Task Leaving_takes_the_patient_off_and_only_they_or_staff_may_do_it()
    {
        var freed = await api.BookFirstFreeAsync("demo", "patient-demo-0003", "Dysport", dayOffset: 10);
        var (leaver, stayer) = (await WaiterAsync("leaver"), await WaiterAsync("stayer"));
        var leaving = await JoinAsync(leaver, freed);
        await JoinAsync(stayer, freed);
        var id = leaving["id"]!.GetValue<string>();

        (await stayer.Client.DeleteAsync($"/api/booking/waitlist/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var left = await leaver.Client.DeleteAsync($"/api/booking/waitlist/{id}");
        var again = await leaver.Client.DeleteAsync($"/api/booking/waitlist/{id}");

        left.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await left.JsonAsync())["status"]!.GetValue<string>().ShouldBe("removed");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await leaver.Client.GetAsync("/api/booking/waitlist")).JsonAsync())["items"]!.AsArray().ShouldBeEmpty();
        (await (await leaver.Client.GetAsync("/api/booking/waitlist?includeClosed=true")).JsonAsync())["items"]!.AsArray().Single()!["status"]!.GetValue<string>().ShouldBe("removed");

        await CancelAsync(freed);
        await OfferIdAsync(stayer, freed.Id);
        (await NoticesAsync(leaver)).ShouldBeEmpty();
    }
}
