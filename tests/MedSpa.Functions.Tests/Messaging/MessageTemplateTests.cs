using MedSpa.Core.Messaging;
using MedSpa.Core.Notifications;

namespace MedSpa.Functions.Tests.Messaging;

/// <summary>
/// The clinic's own words: an admin writes a kind of message per channel and language with its variables, previews it
/// with sample values, and saves it with the version read; what the patient receives is then the clinic's words with
/// their values, in the clinic's first language. Words the kind cannot fill are refused, and nothing is saved.
/// </summary>
public sealed class MessageTemplateTests(ApiHost api) : IClassFixture<ApiHost>
{
    private readonly HttpClient _desk = api.As(DeskSignIn);

    private async Task<(string Id, string Email, string Phone)> PatientAsync(string first)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var phone = $"+1212555{Random.Shared.Next(0, 10_000):D4}";
        var email = $"{first.ToLowerInvariant()}-{unique}@example.com";
        var created = await _desk.PostAsJsonAsync("/api/patients", new { firstName = first, lastName = $"Templates{unique}", email, phone });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return ((await created.JsonAsync())["id"]!.GetValue<string>(), email, phone);
    }

    private async Task<HttpResponseMessage> SaveAsync(object templates)
    {
        var current = await api.AsAdmin().GetAsync("/api/clinic/message-templates");
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/clinic/message-templates") { Content = JsonContent.Create(templates) };
        if (current.Headers.ETag is { } etag && etag.Tag != "\"\"")
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag.Tag);
        }

        return await api.AsAdmin().SendAsync(request);
    }

    [Fact]
    public async Task The_patient_gets_the_clinics_own_words_for_a_booking_confirmation_by_email_and_text_with_its_values()
    {
        var saved = await SaveAsync(new
        {
            languages = new[] { "en" },
            templates = new object[]
            {
                new { kind = "booking-confirmation", channel = "email", language = "en", subject = "See you soon, {{firstName}}", body = "Hello {{firstName}}! {{service}} {{whereAndWhen}}. Manage it at {{link}}" },
                new { kind = "booking-confirmation", channel = "sms", language = "en", body = "{{clinic}}: {{firstName}}, {{service}} {{when}} is booked." },
            },
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var (patientId, email, phone) = await PatientAsync("Tess");

        var visit = await api.BookFirstFreeAsync("demo", patientId, "Signature facial", dayOffset: 9);
        await api.Services.GetRequiredService<SendBookingConfirmation>().ForAppointmentAsync("demo", visit.Id);
        await api.SendDueMessagesAsync();

        var notice = (await api.Store.ReadAsync<PatientNotice>(Partitions.Notifications, "demo", $"{visit.Id}:confirmed"))!.Body;
        notice.Template.ShouldBe(MessageKind.BookingConfirmation);
        var sent = api.Acs.Emails.Single(e => e.To == email);
        sent.Subject.ShouldBe("See you soon, Tess");
        sent.PlainText.ShouldStartWith($"Hello Tess! Signature facial {notice.Values!["whereAndWhen"]}. Manage it at http");
        sent.PlainText.ShouldContain("/patient/appointments\n\n— Demo");
        api.Acs.Sms.Single(s => s.To == phone).Text.ShouldBe($"Demo: Tess, Signature facial {notice.Values["when"]} is booked.");

        // Back to MedSpa's words for the tests that follow.
        await SaveAsync(new { languages = new[] { "en" }, templates = Array.Empty<object>() });
    }

    [Fact]
    public async Task The_clinics_first_language_is_the_one_patients_are_written_to_and_a_kind_it_did_not_write_gets_MedSpas_words()
    {
        (await SaveAsync(new
        {
            languages = new[] { "es", "en" },
            templates = new object[]
            {
                new { kind = "booking-confirmation", channel = "email", language = "en", subject = "Booked", body = "English {{service}}" },
                new { kind = "booking-confirmation", channel = "email", language = "es", subject = "Reservado, {{firstName}}", body = "Su cita: {{service}} {{whereAndWhen}}." },
            },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (patientId, email, phone) = await PatientAsync("Lucia");

        var visit = await api.BookFirstFreeAsync("demo", patientId, "Signature facial", dayOffset: 11);
        await api.Services.GetRequiredService<SendBookingConfirmation>().ForAppointmentAsync("demo", visit.Id);
        await api.SendDueMessagesAsync();

        var sent = api.Acs.Emails.Single(e => e.To == email);
        sent.Subject.ShouldBe("Reservado, Lucia");
        sent.PlainText.ShouldMatch(@"^Su cita: Signature facial \w+, (lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d{1,2} de [a-z]+, \d{1,2}:\d\d [AP]M\.\n");

        // No text of the clinic's for this kind: MedSpa's words for texts (what the admin's page shows as the default).
        var notice = (await api.Store.ReadAsync<PatientNotice>(Partitions.Notifications, "demo", $"{visit.Id}:confirmed"))!.Body;
        api.Acs.Sms.Single(s => s.To == phone).Text.ShouldBe($"Demo: You're booked. Signature facial {notice.Values!["whereAndWhen"]}.");
        await SaveAsync(new { languages = new[] { "en" }, templates = Array.Empty<object>() });
    }

    [Theory]
    [InlineData("{\"languages\":[\"en\"],\"templates\":[{\"kind\":\"reminder\",\"channel\":\"email\",\"language\":\"en\",\"subject\":\"Hi\",\"body\":\"Your {{treatment}} is soon\"}]}", "treatment")]
    [InlineData("{\"languages\":[\"en\"],\"templates\":[{\"kind\":\"reminder\",\"channel\":\"sms\",\"language\":\"en\",\"body\":\"LONG\"}]}", "459")]
    [InlineData("{\"languages\":[\"en\"],\"templates\":[{\"kind\":\"reminder\",\"channel\":\"phone\",\"language\":\"en\",\"body\":\"x\"}]}", "email or sms")]
    [InlineData("{\"languages\":[\"en\"],\"templates\":[{\"kind\":\"reminder\",\"channel\":\"email\",\"language\":\"en\",\"body\":\"no subject\"}]}", "subject")]
    [InlineData("{\"languages\":[\"en\"],\"templates\":[{\"kind\":\"reminder\",\"channel\":\"email\",\"language\":\"fr\",\"subject\":\"S\",\"body\":\"B\"}]}", "one of the clinic's languages")]
    [InlineData("{\"languages\":[\"en\"],\"templates\":[{\"kind\":\"reminder\",\"channel\":\"sms\",\"language\":\"en\",\"body\":\"a\"},{\"kind\":\"reminder\",\"channel\":\"sms\",\"language\":\"en\",\"body\":\"b\"}]}", "One template per kind")]
    [InlineData("{\"languages\":[],\"templates\":[]}", "One to five languages")]
    [InlineData("{\"languages\":[\"english\"],\"templates\":[]}", "language tag")]
    [InlineData("{\"languages\":[\"en\"],\"templates\":[{\"kind\":\"reminder\",\"channel\":\"sms\",\"language\":\"en\",\"body\":\"bell\\u0007\"}]}", "control characters")]
    [InlineData("{\"languages\":[\"en\"],\"templates\":[{\"kind\":\"birthday-party\",\"channel\":\"sms\",\"language\":\"en\",\"body\":\"x\"}]}", "kind")]
    [InlineData("{\"languages\":[\"en\"],\"templates\":[{\"kind\":\"birthday\",\"channel\":\"sms\",\"language\":\"en\",\"body\":\"Happy birthday!\"}]}", "email only")]
    [InlineData("{\"languages\":[\"en\"],\"templates\":[],\"birthdayGreetings\":\"yes\"}", "birthdayGreetings")]
    public async Task Words_the_message_cannot_fill_or_send_are_refused_and_nothing_is_saved(string json, string said)
    {
        var before = api.Snapshot();
        var current = await api.AsAdmin().GetAsync("/api/clinic/message-templates");
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/clinic/message-templates") { Content = new StringContent(json.Replace("LONG", new string('x', 460), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json") };
        if (current.Headers.ETag is { } etag && etag.Tag != "\"\"")
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag.Tag);
        }

        var response = await api.AsAdmin().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain(said);
        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task A_preview_fills_the_words_with_sample_values_counts_the_texts_and_names_unknown_variables()
    {
        var preview = await (await api.AsAdmin().PostAsJsonAsync("/api/clinic/message-templates/preview",
            new { kind = "reminder", channel = "sms", body = "{{clinic}}: {{firstName}}, {{service}} {{whereAndWhen}}. {{oops}}" })).JsonAsync();
        var catalog = await (await api.AsAdmin().GetAsync("/api/clinic/message-templates/catalog")).JsonAsync();
        var email = await (await api.AsAdmin().PostAsJsonAsync("/api/clinic/message-templates/preview",
            new { kind = "review-request", channel = "email", subject = "How was {{service}}?", body = "Hi {{firstName}}" })).JsonAsync();

        preview["body"]!.GetValue<string>().ShouldBe("Demo Aesthetics: Ada, Botox – one area at SoHo on Tuesday 8 December at 2:30 PM. ");
        preview["segments"]!.GetValue<int>().ShouldBe(1);
        preview["unknownVariables"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["oops"]);
        email["subject"]!.GetValue<string>().ShouldBe("How was Botox – one area?");
        catalog["items"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>()).ShouldBe(["booking-confirmation", "reminder", "after-care", "review-request", "change", "cancellation", "deposit-request", "form-request", "waitlist-offer", "birthday", "membership-dunning"]);
        catalog["items"]![1]!["variables"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldContain("whereAndWhen");
        (await api.As(DeskSignIn).GetAsync("/api/clinic/message-templates")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_moved_visit_and_a_cancelled_one_are_told_to_the_patient_in_the_clinics_words_and_a_visit_that_stands_is_not_told_of_a_cancellation()
    {
        (await SaveAsync(new
        {
            languages = new[] { "en" },
            templates = new object[] { new { kind = "cancellation", channel = "sms", language = "en", body = "{{clinic}}: sorry to miss you, {{firstName}}. {{service}} is off." } },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (patientId, _, phone) = await PatientAsync("Mo");
        var visit = await api.BookFirstFreeAsync("demo", patientId, "Signature facial", dayOffset: 13);
        var read = await _desk.GetAsync($"/api/booking/appointments/{visit.Id}");
        var free = (await api.Services.GetRequiredService<FindAvailability>().FindAsync("demo", new AvailabilityQuery(visit.ServiceId, visit.LocationId,
            visit.LocalDate, DateOnly.Parse(visit.LocalDate).AddDays(6).ToString("yyyy-MM-dd"), null), online: false)).Value!.Slots.First(s => s.Start > visit.StartTime.AddHours(20));
        var move = new HttpRequestMessage(HttpMethod.Put, $"/api/booking/appointments/{visit.Id}") { Content = JsonContent.Create(new { startTime = free.Start.ToString("yyyy-MM-ddTHH:mm:ssZ") }) };
        move.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        (await _desk.SendAsync(move)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _desk.DeleteAsync($"/api/booking/appointments/{visit.Id}?reason=sick")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.SendDueMessagesAsync();

        var notices = (await api.Services.GetRequiredService<PatientNoticeStore>().ForPatientAsync("demo", patientId)).Where(n => n.Id.StartsWith(visit.Id, StringComparison.Ordinal)).ToList();
        notices.Single(n => n.Template == MessageKind.Change).Id.ShouldBe($"{visit.Id}:moved:{free.Start.UtcDateTime:yyyyMMdd'T'HHmm}");
        notices.Single(n => n.Template == MessageKind.Change).Body.ShouldStartWith($"Signature facial is now at ");
        notices.Single(n => n.Template == MessageKind.Cancellation).Id.ShouldBe($"{visit.Id}:cancelled");
        api.Acs.Sms.Where(s => s.To == phone).Select(s => s.Text).ShouldContain("Demo: sorry to miss you, Mo. Signature facial is off.");

        var missed = await api.BookFirstFreeAsync("demo", patientId, "Signature facial", dayOffset: 0);
        await api.Services.GetRequiredService<TellPatientOfChange>().CancelledAsync("demo", missed.Id);
        (await api.Services.GetRequiredService<PatientNoticeStore>().ForPatientAsync("demo", patientId)).ShouldNotContain(n => n.Id == $"{missed.Id}:cancelled", "a visit that stands is not told of a cancellation");
        await SaveAsync(new { languages = new[] { "en" }, templates = Array.Empty<object>() });
    }
    [Fact]
    public async Task A_form_request_is_written_in_the_clinics_words_and_links_to_the_form_itself()
    {
        (await SaveAsync(new
        {
            languages = new[] { "en" },
            templates = new object[] { new { kind = "form-request", channel = "sms", language = "en", body = "{{clinic}}: {{firstName}}, one form before we see you: {{link}}" } },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = await api.AsAdmin().PostAsJsonAsync("/api/forms", Forms.SampleForms.Consent($"Peel consent {Guid.NewGuid():N}", 12), Http.ApiJson.Options);
        var formId = (await created.JsonAsync())["id"]!.GetValue<string>();
        (await api.AsAdmin().PostAsync($"/api/forms/{formId}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (patientId, email, phone) = await PatientAsync("Flo");

        (await _desk.PostAsJsonAsync($"/api/forms/{formId}/send", new { patientId })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await api.SendDueMessagesAsync();

        var site = api.Services.GetRequiredService<MessagingOptions>().PublicUrl!.TrimEnd('/');
        api.Acs.Sms.Single(s => s.To == phone).Text.ShouldBe($"Demo: Flo, one form before we see you: {site}/patient/forms/{formId}");
        api.Acs.Emails.Single(e => e.To == email).PlainText.ShouldContain($"{site}/patient/forms/{formId}", customMessage: "MedSpa's words where the clinic wrote none");
        await SaveAsync(new { languages = new[] { "en" }, templates = Array.Empty<object>() });
    }

    [Fact]
    public async Task Requests_and_offers_have_their_own_variables_and_sample_values()
    {
        var catalog = await (await api.AsAdmin().GetAsync("/api/clinic/message-templates/catalog")).JsonAsync();
        var kinds = catalog["items"]!.AsArray().ToDictionary(k => k!["kind"]!.GetValue<string>(), k => k!["variables"]!.AsArray().Select(v => v!.GetValue<string>()).ToList());

        kinds["deposit-request"].ShouldContain("deposit");
        kinds["deposit-request"].ShouldContain("holdUntil");
        kinds["waitlist-offer"].ShouldContain("acceptBy");
        kinds["form-request"].ShouldContain("forms");
        var preview = await (await api.AsAdmin().PostAsJsonAsync("/api/clinic/message-templates/preview",
            new { kind = "deposit-request", channel = "sms", body = "Pay {{deposit}} by {{holdUntil}}: {{link}}" })).JsonAsync();
        preview["body"]!.GetValue<string>().ShouldBe("Pay 50.00 USD by 2:45 PM: https://clinic.example/patient/book?pay=appt-1");

        // Words in Spanish show the visit's day in Spanish; a language that is no tag is refused.
        var spanish = await (await api.AsAdmin().PostAsJsonAsync("/api/clinic/message-templates/preview",
            new { kind = "reminder", channel = "sms", body = "Su cita: {{whereAndWhen}}", language = "es" })).JsonAsync();
        spanish["body"]!.GetValue<string>().ShouldBe("Su cita: SoHo, martes 8 de diciembre, 2:30 PM");
        var refused = await api.AsAdmin().PostAsJsonAsync("/api/clinic/message-templates/preview", new { kind = "reminder", channel = "sms", body = "x", language = "Spanish" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.JsonAsync())["errors"]!["language"].ShouldNotBeNull();
    }
    private async Task<(string Id, string Email, string Phone)> BornAsync(string first, string dateOfBirth, bool marketing, bool archived = false)
    {
        var (id, email, phone) = await PatientAsync(first);
        var patients = api.Services.GetRequiredService<PatientStore>();
        var document = (await patients.DocumentAsync("demo", id))!;
        (await patients.ReplaceAsync(document.Body with
        {
            DateOfBirth = dateOfBirth, Archived = archived, CommunicationPreferences = new CommunicationPreferences(MarketingEmails: marketing),
        }, document.ETag)).IsSuccess.ShouldBeTrue();
        return (id, email, phone);
    }

    [Fact]
    public async Task On_the_day_patients_who_agreed_to_marketing_are_wished_a_happy_birthday_once_by_email_in_the_clinics_words()
    {
        (await SaveAsync(new
        {
            languages = new[] { "en" },
            birthdayGreetings = true,
            templates = new object[] { new { kind = "birthday", channel = "email", language = "en", subject = "Happy birthday from {{clinic}}, {{firstName}}", body = "Have a lovely day, {{firstName}}." } },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, email, phone) = await BornAsync("Bea", "1990-03-09", marketing: true);
        var (_, noConsent, _) = await BornAsync("Noa", "1985-03-09", marketing: false);
        var (_, closed, _) = await BornAsync("Cal", "1979-03-09", marketing: true, archived: true);
        var (_, tomorrow, _) = await BornAsync("Oda", "1992-03-10", marketing: true);
        var (_, leapling, _) = await BornAsync("Lee", "2004-02-29", marketing: true);
        var greet = api.Services.GetRequiredService<SendBirthdayGreetings>();

        using (api.Clock.At(new DateTimeOffset(2027, 3, 9, 14, 30, 0, TimeSpan.Zero))) // 9:30 in New York: too early
        {
            await greet.RunAsync();
            await api.SendDueMessagesAsync();
        }

        api.Acs.Emails.ShouldNotContain(e => e.To == email);
        using (api.Clock.At(new DateTimeOffset(2027, 3, 9, 16, 0, 0, TimeSpan.Zero))) // 11:00, and again at 12:00
        {
            await greet.RunAsync();
            await api.SendDueMessagesAsync();
        }

        using (api.Clock.At(new DateTimeOffset(2027, 3, 9, 17, 0, 0, TimeSpan.Zero)))
        {
            await greet.RunAsync();
            await api.SendDueMessagesAsync();
        }

        api.Acs.Emails.Where(e => e.To == email).Select(e => e.Subject).ShouldBe(["Happy birthday from Demo, Bea"]);
        api.Acs.Emails.Single(e => e.To == email).PlainText.ShouldStartWith("Have a lovely day, Bea.");
        api.Acs.Sms.ShouldNotContain(s => s.To == phone, "a greeting is marketing: never by text");
        api.Acs.Emails.ShouldNotContain(e => e.To == noConsent || e.To == closed || e.To == tomorrow || e.To == leapling);

        // Born on 29 February: wished on the 28th in a year without one.
        using (api.Clock.At(new DateTimeOffset(2027, 2, 28, 16, 0, 0, TimeSpan.Zero)))
        {
            await greet.RunAsync();
            await api.SendDueMessagesAsync();
        }

        api.Acs.Emails.Where(e => e.To == leapling).Select(e => e.Subject).ShouldBe(["Happy birthday from Demo, Lee"]);

        // Off (the clinic's choice, and the default): no one is greeted.
        await SaveAsync(new { languages = new[] { "en" }, templates = Array.Empty<object>() });
        using (api.Clock.At(new DateTimeOffset(2027, 3, 10, 16, 0, 0, TimeSpan.Zero)))
        {
            (await greet.RunAsync()).ShouldBe(0);
        }

        api.Acs.Emails.ShouldNotContain(e => e.To == tomorrow);
    }
    /// <summary>Sets the patient's message language as the desk's profile form does (the whole profile, with its version).</summary>
    private async Task<HttpResponseMessage> SetLanguageAsync(string id, string? language)
    {
        var current = await _desk.GetAsync($"/api/patients/{id}");
        var body = await current.JsonAsync();
        body["communicationPreferences"]!["language"] = language;
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/patients/{id}") { Content = JsonContent.Create(body) };
        put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
        return await _desk.SendAsync(put);
    }

    [Fact]
    public async Task A_patient_is_written_to_in_their_language_when_the_clinic_writes_in_it_and_in_the_clinics_first_otherwise()
    {
        (await SaveAsync(new
        {
            languages = new[] { "en", "es" },
            templates = new object[]
            {
                new { kind = "booking-confirmation", channel = "sms", language = "en", body = "{{clinic}}: {{firstName}}, {{service}} is booked." },
                new { kind = "booking-confirmation", channel = "sms", language = "es", body = "{{clinic}}: {{firstName}}, su cita de {{service}} ({{whereAndWhen}}) está reservada." },
                new { kind = "booking-confirmation", channel = "email", language = "es", subject = "Cita reservada", body = "Hola {{firstName}}." },
            },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (sofia, sofiaEmail, sofiaPhone) = await PatientAsync("Sofia");
        var (remy, _, remyPhone) = await PatientAsync("Remy");
        (await SetLanguageAsync(sofia, "es")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SetLanguageAsync(remy, "fr")).StatusCode.ShouldBe(HttpStatusCode.OK); // a language the clinic does not write in

        var refused = await SetLanguageAsync(remy, "French");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.JsonAsync())["errors"]!["communicationPreferences.language"]!.ToJsonString().ShouldContain("language tag");
        (await (await _desk.GetAsync($"/api/patients/{remy}")).JsonAsync())["communicationPreferences"]!["language"]!.GetValue<string>().ShouldBe("fr", "nothing changed");

        foreach (var patient in new[] { sofia, remy })
        {
            var visit = await api.BookFirstFreeAsync("demo", patient, "Signature facial", dayOffset: 11);
            await api.Services.GetRequiredService<SendBookingConfirmation>().ForAppointmentAsync("demo", visit.Id);
        }

        await api.SendDueMessagesAsync();
        // The visit's day in her language too, on the clinic's clock.
        api.Acs.Sms.Single(s => s.To == sofiaPhone).Text.ShouldMatch(@"^Demo: Sofia, su cita de Signature facial \(\w+, (lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d{1,2} de [a-z]+, \d{1,2}:\d\d [AP]M\) está reservada\.$");
        api.Acs.Emails.Single(e => e.To == sofiaEmail).Subject.ShouldBe("Cita reservada");
        api.Acs.Sms.Single(s => s.To == remyPhone).Text.ShouldBe("Demo: Remy, Signature facial is booked.");
        await SaveAsync(new { languages = new[] { "en" }, templates = Array.Empty<object>() });
    }
}
