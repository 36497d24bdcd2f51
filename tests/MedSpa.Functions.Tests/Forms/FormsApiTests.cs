using MedSpa.Core.Forms;
using MedSpa.Functions.Http;

namespace MedSpa.Functions.Tests.Forms;

/// <summary>The builder's forms and versions, a patient's signed submissions, and what a visit needs (docs/forms-api.md).</summary>
public sealed class FormsApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private async Task<JsonObject> CreateAsync(string? name = null, int? expirationMonths = 12)
    {
        var created = await api.AsAdmin().PostAsJsonAsync("/api/forms", SampleForms.Consent(name ?? $"Consent {Guid.NewGuid():N}", expirationMonths), ApiJson.Options);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await created.JsonAsync();
    }

    private async Task<string> PublishedAsync(int? expirationMonths = 12)
    {
        var id = (await CreateAsync(expirationMonths: expirationMonths))["id"]!.GetValue<string>();
        (await api.AsAdmin().PostAsync($"/api/forms/{id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    private static object Answers(string sex, string? pregnant = "no") => pregnant is null
        ? new { sexAtBirth = sex, signature = SampleForms.Drawn }
        : new { sexAtBirth = sex, pregnant, signature = SampleForms.Drawn };

    private Task<HttpResponseMessage> SubmitAsync(HttpClient client, string formId, string patientId, object answers, int version = 1, string? appointmentId = null) =>
        client.PostAsJsonAsync($"/api/forms/{formId}/submit", new { patientId, version, answers, signerName = "Pat Patient", appointmentId });

    [Fact]
    public async Task Publishing_freezes_a_version_and_an_edit_after_it_is_a_draft_that_leaves_the_version_alone()
    {
        var form = await CreateAsync();
        var id = form["id"]!.GetValue<string>();
        form["hasDraft"]!.GetValue<bool>().ShouldBeTrue();
        form["publishedVersion"].ShouldBeNull();
        (await api.As(PatientSignIn).GetAsync($"/api/forms/{id}/versions/latest")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var published = await (await api.AsAdmin().PostAsync($"/api/forms/{id}/publish", null)).JsonAsync();
        var current = await api.AsAdmin().GetAsync($"/api/forms/{id}");
        var edited = SampleForms.Consent("Renamed consent") with { LegalText = "A new text." };
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/forms/{id}") { Content = JsonContent.Create(edited, options: ApiJson.Options) };
        put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
        var saved = await api.AsAdmin().SendAsync(put);

        published["publishedVersion"]!.GetValue<int>().ShouldBe(1);
        published["hasDraft"]!.GetValue<bool>().ShouldBeFalse();
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await saved.JsonAsync())["hasDraft"]!.GetValue<bool>().ShouldBeTrue();
        var v1 = await (await api.As(PatientSignIn).GetAsync($"/api/forms/{id}/versions/latest")).JsonAsync();
        v1["version"]!.GetValue<int>().ShouldBe(1);
        v1["legalText"]!.GetValue<string>().ShouldBe("I agree to the treatment.");
        v1["sections"]![0]!["fields"]![1]!["visibleIf"]!["equals"]!.GetValue<string>().ShouldBe("Female");

        var v2 = await (await api.AsAdmin().PostAsync($"/api/forms/{id}/publish", null)).JsonAsync();
        v2["publishedVersion"]!.GetValue<int>().ShouldBe(2);
        (await (await api.As(PatientSignIn).GetAsync($"/api/forms/{id}/versions/1")).JsonAsync())["name"]!.GetValue<string>().ShouldBe(form["name"]!.GetValue<string>());
        (await (await api.As(PatientSignIn).GetAsync($"/api/forms/{id}/versions/2")).JsonAsync())["name"]!.GetValue<string>().ShouldBe("Renamed consent");
        (await api.AsAdmin().PostAsync($"/api/forms/{id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_edit_needs_the_version_it_is_based_on()
    {
        var id = (await CreateAsync())["id"]!.GetValue<string>();
        var blind = await api.AsAdmin().PutAsJsonAsync($"/api/forms/{id}", SampleForms.Consent("Blind"), ApiJson.Options);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/forms/{id}") { Content = JsonContent.Create(SampleForms.Consent("Stale"), options: ApiJson.Options) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"not-the-etag\"");

        blind.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await api.AsAdmin().SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await (await api.AsAdmin().GetAsync($"/api/forms/{id}")).JsonAsync())["name"]!.GetValue<string>().ShouldStartWith("Consent ");
    }

    public static TheoryData<string, string, string> BadForms() => new()
    {
        { "a condition on a later field", """{"name":"X","kind":"intake","sections":[{"title":"A","fields":[{"id":"a","type":"yesNo","label":"A?","required":true,"visibleIf":{"fieldId":"b","equals":"yes"}},{"id":"b","type":"yesNo","label":"B?","required":true}]}]}""", "sections[0].fields[0].visibleIf" },
        { "a condition on a value the field cannot have", """{"name":"X","kind":"intake","sections":[{"title":"A","fields":[{"id":"a","type":"yesNo","label":"A?","required":true},{"id":"b","type":"text","label":"B","required":true,"visibleIf":{"fieldId":"a","equals":"maybe"}}]}]}""", "sections[0].fields[1].visibleIf" },
        { "a consent nobody signs", """{"name":"X","kind":"consent","legalText":"I agree.","sections":[{"title":"A","fields":[{"id":"a","type":"yesNo","label":"A?","required":true}]}]}""", "sections" },
        { "a consent without its text", """{"name":"X","kind":"consent","sections":[{"title":"A","fields":[{"id":"s","type":"signature","label":"Sign","required":true}]}]}""", "legalText" },
        { "two fields with one id", """{"name":"X","kind":"intake","sections":[{"title":"A","fields":[{"id":"a","type":"text","label":"A","required":true},{"id":"a","type":"text","label":"B","required":true}]}]}""", "sections[0].fields[1].id" },
        { "a choice without options", """{"name":"X","kind":"intake","sections":[{"title":"A","fields":[{"id":"a","type":"choice","label":"A","required":true,"options":["only"]}]}]}""", "sections[0].fields[0].options" },
        { "a control character in a label", """{"name":"X","kind":"intake","sections":[{"title":"A","fields":[{"id":"a","type":"text","label":"A\u0007","required":true}]}]}""", "sections[0].fields[0].label" },
        { "an expiry of zero months", """{"name":"X","kind":"intake","expirationMonths":0,"sections":[{"title":"A","fields":[{"id":"a","type":"text","label":"A","required":true}]}]}""", "expirationMonths" },
        { "a field id with spaces", """{"name":"X","kind":"intake","sections":[{"title":"A","fields":[{"id":"a b","type":"text","label":"A","required":true}]}]}""", "sections[0].fields[0].id" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_badly_built_form_is_refused_with_the_field_to_fix_and_nothing_is_saved(string what, string body, string field)
    {
        var before = (await (await api.AsAdmin().GetAsync("/api/forms")).JsonAsync())["items"]!.AsArray().Count;

        var response = await api.AsAdmin().PostAsync("/api/forms", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, what);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field, what);
        (await (await api.AsAdmin().GetAsync("/api/forms")).JsonAsync())["items"]!.AsArray().Count.ShouldBe(before);
    }

    [Fact]
    public async Task Wrong_types_and_integer_enums_are_refused()
    {
        foreach (var body in new[] { """{"name":"X","kind":1,"sections":[]}""", """{"name":["X"],"kind":"intake","sections":[]}""", """{"name":"X","kind":"intake","sections":[{"title":"A","fields":[{"id":"a","type":"slider","label":"A","required":true}]}]}""" })
        {
            (await api.AsAdmin().PostAsync("/api/forms", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        }
    }

    [Fact]
    public async Task A_hidden_required_question_is_not_required_and_its_answer_is_dropped_but_a_shown_one_is()
    {
        var id = await PublishedAsync();

        var missing = await SubmitAsync(api.As(PatientSignIn), id, PatientId, Answers("Female", pregnant: null));
        var male = await SubmitAsync(api.As(PatientSignIn), id, PatientId, Answers("Male", pregnant: "yes"));

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.JsonAsync())["errors"]!["answers.pregnant"].ShouldNotBeNull();
        male.StatusCode.ShouldBe(HttpStatusCode.Created);
        var answers = (await male.JsonAsync())["answers"]!.AsObject();
        answers.Select(a => a.Key).Order().ShouldBe(["sexAtBirth", "signature"]);
    }

    [Fact]
    public async Task A_signed_consent_keeps_its_evidence_and_a_newer_one_supersedes_it()
    {
        var id = await PublishedAsync();
        var client = api.As(PatientSignIn);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("MedSpaTest/1.0");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        var first = await (await SubmitAsync(client, id, PatientId, Answers("Female"))).JsonAsync();
        var second = await (await SubmitAsync(client, id, PatientId, Answers("Female", "yes"))).JsonAsync();
        var forms = await (await client.GetAsync($"/api/patients/{PatientId}/forms")).JsonAsync();
        var firstNow = await (await client.GetAsync($"/api/patients/{PatientId}/forms/{first["id"]}")).JsonAsync();

        first["version"]!.GetValue<int>().ShouldBe(1);
        first["legalText"]!.GetValue<string>().ShouldBe("I agree to the treatment.");
        first["signerName"]!.GetValue<string>().ShouldBe("Pat Patient");
        first["ipAddress"]!.GetValue<string>().ShouldBe("203.0.113.9");
        first["userAgent"]!.GetValue<string>().ShouldContain("MedSpaTest/1.0");
        first["contentHash"]!.GetValue<string>().ShouldStartWith("sha256:");
        first["intact"]!.GetValue<bool>().ShouldBeTrue();
        DateTimeOffset.Parse(first["expiresAt"]!.GetValue<string>()).ShouldBe(DateTimeOffset.Parse(first["submittedAt"]!.GetValue<string>()).AddMonths(12));
        firstNow["supersededBy"]!.GetValue<string>().ShouldBe(second["id"]!.GetValue<string>());
        firstNow["answers"]!["pregnant"]!.GetValue<string>().ShouldBe("no");
        firstNow["contentHash"]!.GetValue<string>().ShouldBe(first["contentHash"]!.GetValue<string>());
        forms["submissions"]!.AsArray().Where(s => s!["formId"]!.GetValue<string>() == id).Select(s => s!["supersededBy"]?.GetValue<string>())
            .ShouldBe([null, second["id"]!.GetValue<string>()]);
    }

    [Fact]
    public async Task A_patient_cannot_fill_a_form_for_someone_else_but_the_desk_can_hand_them_a_tablet()
    {
        var id = await PublishedAsync();
        var stranger = await api.NewPatientAsync("Fiona", "Forms");

        var byPatient = await SubmitAsync(api.As(PatientSignIn), id, stranger, Answers("Male"));
        var byDesk = await SubmitAsync(api.As(DeskSignIn), id, stranger, Answers("Male"));

        byPatient.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        byDesk.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await byDesk.JsonAsync())["submittedBy"]!["role"]!.GetValue<string>().ShouldBe("frontdesk");
        (await (await api.AsAdmin().GetAsync($"/api/forms/{id}/submissions")).JsonAsync())["items"]!.AsArray().Single()!["patientId"]!.GetValue<string>().ShouldBe(stranger);
    }

    [Fact]
    public async Task Answers_of_the_wrong_kind_are_refused_and_nothing_is_stored()
    {
        var id = await PublishedAsync();
        var patient = await api.NewPatientAsync("Fiona", "Forms");
        object[] bad =
        [
            new { sexAtBirth = "Other", signature = SampleForms.Drawn },
            new { sexAtBirth = "Male", signature = "a picture" },
            new { sexAtBirth = 1, signature = SampleForms.Drawn },
            new { sexAtBirth = "Male", signature = SampleForms.Drawn, unknown = "x" },
            new { sexAtBirth = "Male", signature = "data:image/png;base64," + new string('A', 420_000) },
        ];

        foreach (var answers in bad)
        {
            var response = await SubmitAsync(api.As(DeskSignIn), id, patient, answers);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, JsonSerializer.Serialize(answers)[..Math.Min(60, JsonSerializer.Serialize(answers).Length)]);
        }

        (await SubmitAsync(api.As(DeskSignIn), id, patient, Answers("Male"), version: 2)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await api.As(DeskSignIn).PostAsJsonAsync($"/api/forms/{id}/submit", new { patientId = patient, version = 1, answers = Answers("Male") })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await api.As(DeskSignIn).GetAsync($"/api/patients/{patient}/forms")).JsonAsync())["submissions"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Booking_a_treatment_asks_for_its_forms_and_the_badge_goes_when_the_patient_fills_them()
    {
        var patient = await api.NewPatientAsync("Fiona", "Forms");
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var lipFlip = setup.Services.Single(s => s.Name == "Lip flip");
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => lipFlip.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20);
        var slots = (await (await api.As(DeskSignIn).GetAsync($"/api/booking/availability?serviceId={lipFlip.Id}&locationId={location.Id}&from={day:yyyy-MM-dd}&to={day.AddDays(6):yyyy-MM-dd}")).JsonAsync())["slots"]!.AsArray();

        var booked = await (await api.As(DeskSignIn).PostAsJsonAsync("/api/booking/appointments", new { serviceId = lipFlip.Id, locationId = location.Id, startTime = slots[0]!["startTime"]!.GetValue<string>(), patientId = patient, bookingSource = "phone" })).JsonAsync();
        var outstanding = await (await api.As(DeskSignIn).GetAsync($"/api/patients/{patient}/forms")).JsonAsync();
        var messages = await (await api.As(DeskSignIn).GetAsync($"/api/patients/{patient}/communications")).JsonAsync();

        var missing = booked["missingForms"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        missing.ShouldBe(["Medical history", "Neurotoxin consent"]);
        outstanding["outstanding"]!.AsArray().Select(o => (o!["name"]!.GetValue<string>(), o["reason"]!.GetValue<string>(), o["appointmentId"]!.GetValue<string>()))
            .ShouldBe([("Medical history", "required", booked["id"]!.GetValue<string>()), ("Neurotoxin consent", "required", booked["id"]!.GetValue<string>())]);
        outstanding["outstanding"]![0]!["startTime"]!.GetValue<string>().ShouldBe(booked["startTime"]!.GetValue<string>()); // in the location's zone, as the appointment
        var message = messages["items"]!.AsArray().Single(m => m!["subject"]!.GetValue<string>().StartsWith("Forms to fill"))!;
        message["body"]!.GetValue<string>().ShouldContain($"/patient/forms/{lipFlip.RequiredConsentIds[0]}?appointment={booked["id"]}");

        var consent = await (await api.As(DeskSignIn).GetAsync($"/api/forms/{lipFlip.RequiredConsentIds[0]}/versions/latest")).JsonAsync();
        (await SubmitAsync(api.As(DeskSignIn), lipFlip.RequiredConsentIds[0], patient, new { risksRead = SampleForms.Drawn, signature = SampleForms.Drawn }, consent["version"]!.GetValue<int>())).StatusCode.ShouldBe(HttpStatusCode.Created);
        var after = await (await api.As(DeskSignIn).GetAsync($"/api/booking/appointments/{booked["id"]}")).JsonAsync();
        after["missingForms"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldBe(["Medical history"]);
    }

    [Fact]
    public async Task A_visit_cannot_be_completed_without_its_consent_unless_a_clinician_says_why_and_that_is_audited()
    {
        var patient = await api.NewPatientAsync("Fiona", "Forms");
        var appointment = await api.BookFirstFreeAsync("demo", patient, "Lip flip", dayOffset: 2);
        var injector = api.As(InjectorSignIn);
        var desk = api.As(DeskSignIn);
        HttpResponseMessage arrived, refused, badOverride, completed;
        using (api.Clock.At(appointment.StartTime.AddMinutes(5)))
        {
            arrived = await desk.PostAsJsonAsync($"/api/appointments/{appointment.Id}/status", new { status = "arrived" });
            refused = await injector.PostAsJsonAsync($"/api/appointments/{appointment.Id}/status", new { status = "completed" });
            badOverride = await injector.PostAsJsonAsync($"/api/appointments/{appointment.Id}/status", new { status = "completed", overrideReason = "  " });
            completed = await injector.PostAsJsonAsync($"/api/appointments/{appointment.Id}/status", new { status = "completed", overrideReason = "Signed on paper; scanned later." });
        }

        arrived.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await arrived.JsonAsync())["missingForms"]!.AsArray().Count.ShouldBe(2);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await refused.JsonAsync();
        problem["missingForms"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldBe(["Neurotoxin consent"]);
        problem["missingForms"]![0]!["kind"]!.GetValue<string>().ShouldBe("consent");
        badOverride.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        completed.StatusCode.ShouldBe(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        (await completed.JsonAsync())["status"]!.GetValue<string>().ShouldBe("completed");
        var audit = await api.Services.GetRequiredService<Core.Audit.AuditStore>().ForRecordAsync("demo", patient, 50, null);
        audit.Value!.Items.Select(i => i.Body).ShouldContain(e => e.Action == "complete-without-consent" && e.Actor.Email == InjectorSignIn && e.Reason!.Contains("Signed on paper"));
    }

    [Fact]
    public async Task A_consent_that_will_have_expired_by_the_visit_is_asked_for_again()
    {
        var patient = await api.NewPatientAsync("Fiona", "Forms");
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var consentId = setup.Services.Single(s => s.Name == "Xeomin").RequiredConsentIds[0];
        var version = (await (await api.As(DeskSignIn).GetAsync($"/api/forms/{consentId}/versions/latest")).JsonAsync())["version"]!.GetValue<int>();
        var desk = api.As(DeskSignIn);
        using (api.Clock.At(DateTimeOffset.UtcNow.AddMonths(-13)))
        {
            (await SubmitAsync(desk, consentId, patient, new { risksRead = SampleForms.Drawn, signature = SampleForms.Drawn }, version)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await api.BookFirstFreeAsync("demo", patient, "Xeomin", dayOffset: 3);
        var forms = await (await desk.GetAsync($"/api/patients/{patient}/forms")).JsonAsync();

        forms["outstanding"]!.AsArray().Single(o => o!["formId"]!.GetValue<string>() == consentId)!["reason"]!.GetValue<string>().ShouldBe("expired");
        forms["submissions"]!.AsArray().Single()!["expired"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Moving_a_visit_past_the_day_its_consent_expires_asks_for_the_consent_again()
    {
        var patient = await api.NewPatientAsync("Fiona", "Forms");
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var xeomin = setup.Services.Single(s => s.Name == "Xeomin");
        var desk = api.As(DeskSignIn);
        foreach (var formId in xeomin.RequiredFormIds.Concat(xeomin.RequiredConsentIds))
        {
            var version = (await (await desk.GetAsync($"/api/forms/{formId}/versions/latest")).JsonAsync())["version"]!.GetValue<int>();
            var answers = formId == xeomin.RequiredConsentIds[0]
                ? (object)new { risksRead = SampleForms.Drawn, signature = SampleForms.Drawn }
                : new { sexAtBirth = "Male", previousFillers = "no", previousToxin = "no", signature = SampleForms.Drawn };
            using (api.Clock.At(DateTimeOffset.UtcNow.AddMonths(-11).AddDays(-20))) // both run for 12 months: out in about 10 days
            {
                (await SubmitAsync(desk, formId, patient, answers, version)).StatusCode.ShouldBe(HttpStatusCode.Created);
            }
        }

        var booked = await api.BookFirstFreeAsync("demo", patient, "Xeomin", dayOffset: 2);
        var before = await desk.GetAsync($"/api/booking/appointments/{booked.Id}");
        var location = setup.Location(booked.LocationId)!;
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);
        var later = (await (await desk.GetAsync($"/api/booking/availability?serviceId={xeomin.Id}&locationId={location.Id}&from={day:yyyy-MM-dd}&to={day.AddDays(6):yyyy-MM-dd}")).JsonAsync())["slots"]![0]!["startTime"]!.GetValue<string>();
        var move = new HttpRequestMessage(HttpMethod.Put, $"/api/booking/appointments/{booked.Id}") { Content = JsonContent.Create(new { startTime = later }) };
        move.Headers.IfMatch.Add(before.Headers.ETag!);
        var moved = await desk.SendAsync(move);
        var messages = await (await desk.GetAsync($"/api/patients/{patient}/communications")).JsonAsync();

        (await before.JsonAsync())["missingForms"]!.AsArray().ShouldBeEmpty();
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        (await moved.JsonAsync())["missingForms"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldBe(["Medical history", "Neurotoxin consent"]);
        messages["items"]!.AsArray().ShouldContain(m => m!["body"]!.GetValue<string>().Contains($"/patient/forms/{xeomin.RequiredConsentIds[0]}?appointment={booked.Id}"));
    }

    [Fact]
    public async Task The_desk_sends_a_form_the_patient_gets_the_link_and_it_stays_outstanding_until_filled()
    {
        var id = await PublishedAsync();
        var unpublished = (await CreateAsync())["id"]!.GetValue<string>();
        var patient = await api.NewPatientAsync("Fiona", "Forms");

        var sent = await api.As(DeskSignIn).PostAsJsonAsync($"/api/forms/{id}/send", new { patientId = patient });
        var notYet = await api.As(DeskSignIn).PostAsJsonAsync($"/api/forms/{unpublished}/send", new { patientId = patient });
        var noOne = await api.As(DeskSignIn).PostAsJsonAsync($"/api/forms/{id}/send", new { patientId = "patient-nobody" });
        var outstanding = await (await api.As(DeskSignIn).GetAsync($"/api/patients/{patient}/forms")).JsonAsync();
        var messages = await (await api.As(DeskSignIn).GetAsync($"/api/patients/{patient}/communications")).JsonAsync();

        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await sent.JsonAsync())["link"]!.GetValue<string>().ShouldBe($"/patient/forms/{id}");
        notYet.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        noOne.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        outstanding["outstanding"]!.AsArray().Single()!["reason"]!.GetValue<string>().ShouldBe("requested");
        messages["items"]!.AsArray().ShouldContain(m => m!["body"]!.GetValue<string>().Contains($"/patient/forms/{id}"));

        await SubmitAsync(api.As(DeskSignIn), id, patient, Answers("Male"));
        (await (await api.As(DeskSignIn).GetAsync($"/api/patients/{patient}/forms")).JsonAsync())["outstanding"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_desk_checks_a_consent_but_not_a_medical_history_and_a_practitioner_who_does_not_treat_the_patient_sees_neither()
    {
        var patient = await api.NewPatientAsync("Fiona", "Forms");
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var historyId = setup.Services.Single(s => s.Name == "Xeomin").RequiredFormIds[0];
        var history = await (await api.As(DeskSignIn).GetAsync($"/api/forms/{historyId}/versions/latest")).JsonAsync();
        var consent = await (await SubmitAsync(api.As(DeskSignIn), await PublishedAsync(), patient, Answers("Male"))).JsonAsync();
        var medical = await SubmitAsync(api.As(DeskSignIn), historyId, patient,
            new { sexAtBirth = "Male", previousFillers = "no", previousToxin = "yes", lastToxin = "2026-05-01", signature = SampleForms.Drawn }, history["version"]!.GetValue<int>());
        var medicalId = (await medical.JsonAsync())["id"]?.GetValue<string>();

        medical.StatusCode.ShouldBe(HttpStatusCode.Created); // the desk hands over the tablet; the answer it gets back is not theirs to read
        (await api.As(DeskSignIn).GetAsync($"/api/patients/{patient}/forms/{consent["id"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.As(DeskSignIn).GetAsync($"/api/patients/{patient}/forms/{medicalId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.AsAdmin().GetAsync($"/api/patients/{patient}/forms/{medicalId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.As(InjectorSignIn).GetAsync($"/api/patients/{patient}/forms/{medicalId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.As(PatientSignIn).GetAsync($"/api/patients/{patient}/forms")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
