using MedSpa.Core.Messaging;
using MedSpa.Core.Notifications;

namespace MedSpa.Functions.Tests.Messaging;

/// <summary>
/// The outbox sends each patient notice by email and SMS as the patient's choices allow, once: run again, retried after
/// a crash between ACS taking it and our record of it, or throttled; texts wait out the night in the clinic's zone; the
/// patient's communication log shows how each went.
/// </summary>
public sealed class OutboxTests(ApiHost api) : IClassFixture<ApiHost>
{
    private readonly HttpClient _desk = api.As(DeskSignIn); // signed in before any test moves the clock
    private readonly HttpClient _patient = api.As(PatientSignIn);

    private async Task<(string Id, string Email, string Phone)> PatientAsync(string first)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var phone = $"+1212555{Random.Shared.Next(0, 10_000):D4}";
        var email = $"{first.ToLowerInvariant()}-{unique}@example.com";
        var created = await _desk.PostAsJsonAsync("/api/patients", new { firstName = first, lastName = $"Outbox{unique}", email, phone });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return ((await created.JsonAsync())["id"]!.GetValue<string>(), email, phone);
    }

    private async Task<PatientNotice> NoticeAsync(string patientId, string subject, DateTimeOffset? at = null)
    {
        var notice = new PatientNotice($"test:{Guid.NewGuid():N}", "demo", patientId, subject, "Your appointment is on Friday at 10:00.", at ?? api.Clock.GetUtcNow());
        await api.Services.GetRequiredService<PatientNoticeStore>().RecordAsync(notice);
        return notice;
    }

    private async Task<PatientNotice> ReadAsync(PatientNotice notice) =>
        (await api.Store.ReadAsync<PatientNotice>(Partitions.Notifications, "demo", notice.Id))!.Body;

    private IEnumerable<FakeSmsView> TextsTo(string phone) => api.Acs.Sms.Where(s => s.To == phone).Select(s => new FakeSmsView(s.To, s.Text));

    private sealed record FakeSmsView(string To, string Text);

    [Fact]
    public async Task A_notice_goes_by_email_and_text_once_and_the_patients_log_shows_both()
    {
        var (id, email, phone) = await PatientAsync("Olive");
        using var day = api.Clock.At(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero)); // 10:00 in New York
        var notice = await NoticeAsync(id, "You're booked");

        await api.SendDueMessagesAsync();
        await api.SendDueMessagesAsync();

        api.Acs.Emails.Where(e => e.To == email).ShouldHaveSingleItem().Subject.ShouldBe("You're booked");
        TextsTo(phone).ShouldHaveSingleItem().Text.ShouldStartWith("Demo");
        var sent = await ReadAsync(notice);
        sent.Outbox.ShouldBe(OutboxState.Done);
        sent.Deliveries.Select(d => (d.Channel, d.Status)).ShouldBe([(CommunicationChannel.Email, DeliveryStatus.Sent), (CommunicationChannel.Sms, DeliveryStatus.Sent)], ignoreOrder: true);

        var log = (await (await _desk.GetAsync($"/api/patients/{id}/communications")).JsonAsync())["items"]!.AsArray();
        log.Where(e => e!["subject"]!.GetValue<string>() == "You're booked").Select(e => (e!["channel"]!.GetValue<string>(), e["delivery"]!.GetValue<string>()))
            .ShouldBe([("email", "sent"), ("sms", "sent")], ignoreOrder: true);
    }

    [Fact]
    public async Task A_patient_who_books_online_is_sent_the_confirmation_with_what_where_and_when()
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.First(s => s.Name == "Signature facial");
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20);
        var slots = (await (await _patient.GetAsync($"/api/booking/availability?clinicId=demo&serviceId={service.Id}&locationId={location.Id}&from={day:yyyy-MM-dd}&to={day.AddDays(6):yyyy-MM-dd}")).JsonAsync())["slots"]!.AsArray();
        var start = slots[0]!["startTime"]!.GetValue<string>();
        var booked = await _patient.PostAsJsonAsync("/api/booking/appointments", new { serviceId = service.Id, locationId = location.Id, startTime = start });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var id = (await booked.JsonAsync())["id"]!.GetValue<string>();

        await api.SendDueMessagesAsync();

        var notice = (await api.Store.ReadAsync<PatientNotice>(Partitions.Notifications, "demo", $"{id}:confirmed"))!.Body;
        var local = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        notice.Body.ShouldStartWith($"Signature facial at {location.Name} on {local:dddd d MMMM} at ");
        var email = notice.Deliveries.Single(d => d.Channel == CommunicationChannel.Email);
        email.Status.ShouldBe(DeliveryStatus.Sent);
        var sent = api.Acs.Emails.Single(e => e.OperationId == email.ProviderMessageId);
        (sent.Subject, sent.PlainText).ShouldBe(("You're booked", $"{notice.Body}\n\n— Demo"));
    }

    [Fact]
    public async Task A_link_to_the_app_in_a_notice_reaches_the_patient_whole()
    {
        var (id, email, phone) = await PatientAsync("Lina");
        using var day = api.Clock.At(new DateTimeOffset(2026, 12, 2, 15, 30, 0, TimeSpan.Zero));
        await api.Services.GetRequiredService<PatientNoticeStore>().RecordAsync(new PatientNotice($"test:{Guid.NewGuid():N}", "demo", id, "Forms to fill in",
            "Please fill these in:\n- Medical history: /patient/forms/form-1?appointment=appt-1", api.Clock.GetUtcNow()));

        await api.SendDueMessagesAsync();

        var site = MedSpa.LocalHost.LocalFunctionsHost.DefaultUrl.TrimEnd('/');
        api.Acs.Emails.Single(e => e.To == email).PlainText.ShouldContain($"- Medical history: {site}/patient/forms/form-1?appointment=appt-1\n");
        api.Acs.Sms.Single(s => s.To == phone).Text.ShouldEndWith($"{site}/patient/forms/form-1?appointment=appt-1");
    }

    [Fact]
    public async Task Texts_wait_out_the_night_in_the_clinics_zone_while_email_goes_at_once()
    {
        var (id, email, phone) = await PatientAsync("Nora");
        var night = new DateTimeOffset(2026, 12, 3, 3, 30, 0, TimeSpan.Zero); // 22:30 in New York
        PatientNotice notice;
        using (api.Clock.At(night))
        {
            notice = await NoticeAsync(id, "Your visit moved");
            await api.SendDueMessagesAsync();
        }

        api.Acs.Emails.Where(e => e.To == email).ShouldHaveSingleItem();
        TextsTo(phone).ShouldBeEmpty();
        var waiting = await ReadAsync(notice);
        waiting.Outbox.ShouldBe(OutboxState.Pending);
        waiting.DueAt.ShouldBe(new DateTimeOffset(2026, 12, 3, 13, 0, 0, TimeSpan.Zero), "08:00 in New York");

        using (api.Clock.At(new DateTimeOffset(2026, 12, 3, 12, 59, 0, TimeSpan.Zero)))
        {
            await api.SendDueMessagesAsync();
            TextsTo(phone).ShouldBeEmpty();
        }

        using (api.Clock.At(new DateTimeOffset(2026, 12, 3, 13, 0, 1, TimeSpan.Zero)))
        {
            await api.SendDueMessagesAsync();
        }

        TextsTo(phone).ShouldHaveSingleItem();
        api.Acs.Emails.Count(e => e.To == email).ShouldBe(1);
        (await ReadAsync(notice)).Outbox.ShouldBe(OutboxState.Done);
    }

    [Fact]
    public async Task A_message_of_no_use_by_the_time_it_could_go_is_not_sent_and_the_log_says_why()
    {
        var (id, email, phone) = await PatientAsync("Una");
        var night = new DateTimeOffset(2026, 12, 4, 3, 30, 0, TimeSpan.Zero); // 22:30 in New York
        var offer = new PatientNotice($"test:{Guid.NewGuid():N}", "demo", id, "A time opened up", "Accept it by 23:00.", night) { UsefulUntil = night.AddMinutes(30) };
        var lapsed = new PatientNotice($"test:{Guid.NewGuid():N}", "demo", id, "Pay your deposit", "Held until 22:00.", night.AddHours(-1)) { UsefulUntil = night.AddMinutes(-20) };
        using (api.Clock.At(night))
        {
            await api.Services.GetRequiredService<PatientNoticeStore>().RecordAsync(offer);
            await api.Services.GetRequiredService<PatientNoticeStore>().RecordAsync(lapsed);
            await api.SendDueMessagesAsync();
        }

        // The offer's email goes at once; its text would wait for the morning, after the offer ends, so it never goes.
        api.Acs.Emails.Where(e => e.To == email).Select(e => e.Subject).ShouldBe(["A time opened up"]);
        TextsTo(phone).ShouldBeEmpty();
        var read = await ReadAsync(offer);
        read.Outbox.ShouldBe(OutboxState.Done);
        read.Deliveries.Single(d => d.Channel == CommunicationChannel.Sms).Status.ShouldBe(DeliveryStatus.Skipped);
        read.Deliveries.Single(d => d.Channel == CommunicationChannel.Sms).Detail!.ShouldStartWith("Too late to be of use");
        (await ReadAsync(lapsed)).Deliveries.ShouldAllBe(d => d.Status == DeliveryStatus.Skipped && d.Detail!.StartsWith("Too late"));

        using (api.Clock.At(new DateTimeOffset(2026, 12, 4, 13, 0, 1, TimeSpan.Zero)))
        {
            await api.SendDueMessagesAsync();
        }

        TextsTo(phone).ShouldBeEmpty();
        var log = await (await _desk.GetAsync($"/api/patients/{id}/communications")).JsonAsync();
        log.ToJsonString().ShouldContain("Too late to be of use");
    }

    [Fact]
    public async Task A_patient_who_turned_texts_off_or_has_no_number_gets_email_only_and_the_log_says_why()
    {
        var (id, email, phone) = await PatientAsync("Tess");
        var patients = api.Services.GetRequiredService<PatientStore>();
        var document = (await patients.DocumentAsync("demo", id))!;
        (await patients.ReplaceAsync(document.Body with { CommunicationPreferences = new CommunicationPreferences(SmsReminders: false) }, document.ETag)).IsSuccess.ShouldBeTrue();
        using var day = api.Clock.At(new DateTimeOffset(2026, 12, 2, 16, 0, 0, TimeSpan.Zero));
        var notice = await NoticeAsync(id, "Forms to fill in");

        await api.SendDueMessagesAsync();

        TextsTo(phone).ShouldBeEmpty();
        api.Acs.Emails.Where(e => e.To == email).ShouldHaveSingleItem();
        var skipped = (await ReadAsync(notice)).Deliveries.Single(d => d.Channel == CommunicationChannel.Sms);
        (skipped.Status, skipped.Detail).ShouldBe((DeliveryStatus.Skipped, "The patient turned off texts."));
        var log = (await (await _desk.GetAsync($"/api/patients/{id}/communications")).JsonAsync())["items"]!.AsArray();
        log.Single(e => e!["channel"]!.GetValue<string>() == "sms")!["deliveryDetail"]!.GetValue<string>().ShouldBe("The patient turned off texts.");
    }

    [Fact]
    public async Task A_crash_after_acs_took_the_text_and_before_it_was_recorded_never_sends_it_twice()
    {
        var (id, email, phone) = await PatientAsync("Cleo");
        using var day = api.Clock.At(new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero));
        var notice = await NoticeAsync(id, "See you tomorrow");
        var crashing = new SendDueMessages(api.Store, new CrashAfterSending(api.Services.GetRequiredService<IMessageSender>()),
            api.Services.GetRequiredService<PlanMessage>(), api.Clock);

        await Should.ThrowAsync<IOException>(() => crashing.DeliverAsync(notice));
        TextsTo(phone).ShouldHaveSingleItem();
        api.Acs.Emails.Where(e => e.To == email).ShouldHaveSingleItem();
        (await ReadAsync(notice)).Deliveries.ShouldAllBe(d => d.Status == DeliveryStatus.Sending, "the crash left it unrecorded");

        await api.SendDueMessagesAsync();

        TextsTo(phone).ShouldHaveSingleItem();
        api.Acs.Emails.Where(e => e.To == email).ShouldHaveSingleItem("the email's operation was looked up, not sent again");
        var sent = await ReadAsync(notice);
        sent.Outbox.ShouldBe(OutboxState.Done);
        sent.Deliveries.ShouldAllBe(d => d.Status == DeliveryStatus.Sent && d.Attempts == 1);
    }

    [Fact]
    public async Task Throttled_beyond_the_pipelines_retries_it_waits_what_acs_asked_and_then_sends()
    {
        var (id, email, phone) = await PatientAsync("Tara");
        var at = new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero);
        PatientNotice notice;
        using (api.Clock.At(at))
        {
            notice = await NoticeAsync(id, "Your deposit");
            api.Acs.ThrottleNext(1_000);
            await api.Services.GetRequiredService<SendDueMessages>().DeliverAsync(notice);
            api.Acs.ThrottleNext(0);
        }

        var waiting = await ReadAsync(notice);
        waiting.Outbox.ShouldBe(OutboxState.Pending);
        waiting.Deliveries.ShouldAllBe(d => d.Status == DeliveryStatus.Sending && d.Attempts == 1 && d.Detail!.StartsWith("ACS answered 429"));
        waiting.DueAt.ShouldBeGreaterThan(at);
        TextsTo(phone).ShouldBeEmpty();

        using (api.Clock.At(waiting.DueAt.AddSeconds(1)))
        {
            await api.SendDueMessagesAsync();
        }

        TextsTo(phone).ShouldHaveSingleItem();
        api.Acs.Emails.Where(e => e.To == email).ShouldHaveSingleItem();
        (await ReadAsync(notice)).Deliveries.ShouldAllBe(d => d.Status == DeliveryStatus.Sent && d.Attempts == 2);
    }

    /// <summary>Sends the email, then the text, then fails as a process would that died before recording what ACS answered.</summary>
    private sealed class CrashAfterSending(IMessageSender inner) : IMessageSender
    {
        public async Task<SendOutcome> SendSmsAsync(SmsMessage message, CancellationToken ct = default)
        {
            await inner.SendSmsAsync(message, ct);
            throw new IOException("The process died.");
        }

        public Task<SendOutcome> SendEmailAsync(EmailMessage message, CancellationToken ct = default) => inner.SendEmailAsync(message, ct);
    }
}
