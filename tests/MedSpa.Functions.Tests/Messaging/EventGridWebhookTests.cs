using MedSpa.Core.Messaging;
using MedSpa.Core.Notifications;

namespace MedSpa.Functions.Tests.Messaging;

/// <summary>
/// ACS's events through Event Grid at /api/webhooks/eventgrid: the validation handshakes, the subscription's key (a
/// request without it changes nothing), and what a patient's text does — C confirms their next visit, STOP and START
/// turn texts off and on, anything else waits in the desk's inbox — once however often it is delivered; delivery
/// reports mark a text delivered.
/// </summary>
public sealed class EventGridWebhookTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Key = "local-event-grid-key";
    private readonly HttpClient _desk = api.As(DeskSignIn);

    private static HttpRequestMessage EventGrid(object[] events, string? key = Key, string type = "Notification") =>
        new(HttpMethod.Post, $"/api/webhooks/eventgrid{(key is null ? "" : $"?key={key}")}")
        {
            Content = JsonContent.Create(events),
            Headers = { { "aeg-event-type", type } },
        };

    private static object Event(string type, object data) => new
    {
        id = Guid.NewGuid().ToString(), topic = "/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/communicationServices/medspa",
        subject = "/phonenumber/18005550100", eventType = type, eventTime = DateTimeOffset.UtcNow, dataVersion = "1.0", metadataVersion = "1", data,
    };

    private static object Text(string from, string message, string? id = null) => Event("Microsoft.Communication.SMSReceived",
        new { messageId = id ?? $"Incoming_{Guid.NewGuid():N}", from, to = "18005550100", message, receivedTimestamp = DateTimeOffset.UtcNow });

    private async Task<(string Id, string Phone)> PatientAsync(string first)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var phone = $"+1646555{Random.Shared.Next(0, 10_000):D4}";
        var created = await _desk.PostAsJsonAsync("/api/patients", new { firstName = first, lastName = $"Texter{unique}", email = $"{first.ToLowerInvariant()}-{unique}@example.com", phone });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return ((await created.JsonAsync())["id"]!.GetValue<string>(), phone);
    }

    [Fact]
    public async Task The_subscription_is_validated_in_both_schemas_and_a_request_without_the_key_changes_nothing()
    {
        var client = api.Anonymous();
        var validation = Event("Microsoft.EventGrid.SubscriptionValidationEvent", new { validationCode = "512d38b6-c7b8-40c8-89fe-f46f9e9622b6", validationUrl = "https://rp-eastus2.eventgrid.azure.net/validate" });
        var answered = await client.SendAsync(EventGrid([validation], type: "SubscriptionValidation"));
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answered.JsonAsync())["validationResponse"]!.GetValue<string>().ShouldBe("512d38b6-c7b8-40c8-89fe-f46f9e9622b6");

        var options = new HttpRequestMessage(HttpMethod.Options, $"/api/webhooks/eventgrid?key={Key}") { Headers = { { "WebHook-Request-Origin", "eventgrid.azure.net" } } };
        var allowed = await client.SendAsync(options);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        allowed.Headers.GetValues("WebHook-Allowed-Origin").Single().ShouldBe("eventgrid.azure.net");

        var (_, phone) = await PatientAsync("Kira");
        var before = api.Snapshot();
        foreach (var key in new[] { null, "wrong", "" })
        {
            await (await client.SendAsync(EventGrid([Text(phone, "STOP")], key))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "key");
        }

        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/eventgrid?key={Key}") { Content = new StringContent("{\"not\":\"events\"}", System.Text.Encoding.UTF8, "application/json") }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task A_patient_replies_C_to_confirm_their_next_visit_once_however_often_the_event_comes()
    {
        var (patientId, phone) = await PatientAsync("Cara");
        var appointment = await api.BookFirstFreeAsync("demo", patientId, dayOffset: 5);
        var reply = Text(phone.TrimStart('+'), " c ", "Incoming_confirm_1"); // ACS may leave the '+' out

        for (var i = 0; i < 3; i++)
        {
            (await api.Anonymous().SendAsync(EventGrid([reply]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var read = await (await _desk.GetAsync($"/api/booking/appointments/{appointment.Id}")).JsonAsync();
        read["status"]!.GetValue<string>().ShouldBe("confirmed");
        var notices = await api.Services.GetRequiredService<PatientNoticeStore>().ForPatientAsync("demo", patientId);
        var thanks = notices.Where(n => n.Id.StartsWith("sms-in:Incoming_confirm_1", StringComparison.Ordinal)).ShouldHaveSingleItem();
        (thanks.TextOnly, thanks.Body).ShouldBe((true, "Your Signature facial is confirmed. See you then!"));
        var log = (await (await _desk.GetAsync($"/api/patients/{patientId}/communications")).JsonAsync())["items"]!.AsArray();
        log.Count(e => e!["direction"]!.GetValue<string>() == "inbound" && e["channel"]!.GetValue<string>() == "sms").ShouldBe(1);
    }

    [Fact]
    public async Task STOP_turns_our_texts_off_START_turns_them_on_and_anything_else_waits_in_the_desks_inbox()
    {
        var (patientId, phone) = await PatientAsync("Sten");
        (await api.Anonymous().SendAsync(EventGrid([Text(phone, "Stop")]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Services.GetRequiredService<PatientStore>().GetAsync("demo", patientId))!.SmsOptedOut.ShouldBeTrue();
        var plan = await api.Services.GetRequiredService<PlanMessage>().PlanAsync(new PatientNotice("n", "demo", patientId, "Hi", "Hello", DateTimeOffset.UtcNow), default);
        plan.Routes.Single(r => r.Channel == CommunicationChannel.Sms).SkipReason.ShouldBe("The patient replied STOP to our texts.");

        (await (await _desk.GetAsync($"/api/patients/{patientId}")).JsonAsync())["smsOptedOut"]!.GetValue<bool>().ShouldBeTrue("the desk sees it on the record");

        (await api.Anonymous().SendAsync(EventGrid([Text(phone, "START")]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Services.GetRequiredService<PatientStore>().GetAsync("demo", patientId))!.SmsOptedOut.ShouldBeFalse();
        (await (await _desk.GetAsync($"/api/patients/{patientId}")).JsonAsync()).ContainsKey("smsOptedOut").ShouldBeFalse();

        var question = Text(phone, "Can I bring my sister along?", "Incoming_question_1");
        (await api.Anonymous().SendAsync(EventGrid([question]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var inbox = (await (await _desk.GetAsync("/api/messages/inbox")).JsonAsync())["items"]!.AsArray();
        var waiting = inbox.Single(m => m!["id"]!.GetValue<string>() == "inbox:Incoming_question_1")!;
        (waiting["text"]!.GetValue<string>(), waiting["patientId"]!.GetValue<string>(), waiting["done"]!.GetValue<bool>()).ShouldBe(("Can I bring my sister along?", patientId, false));

        (await api.As(PatientSignIn).GetAsync("/api/messages/inbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.As(PatientSignIn).PostAsync("/api/messages/inbox/inbox:Incoming_question_1/done", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _desk.PostAsync("/api/messages/inbox/inbox:nope/done", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var done = await _desk.PostAsync("/api/messages/inbox/inbox:Incoming_question_1/done", null);
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await done.JsonAsync())["doneBy"]!.GetValue<string>().ShouldBe(DeskSignIn);
    }

    [Fact]
    public async Task A_delivery_report_marks_the_text_delivered_and_one_as_cloud_events_is_read_too()
    {
        var (patientId, phone) = await PatientAsync("Dora");
        var notice = new PatientNotice($"test:{Guid.NewGuid():N}", "demo", patientId, "Hello", "A test.", DateTimeOffset.UtcNow);
        await api.Services.GetRequiredService<PatientNoticeStore>().RecordAsync(notice);
        using (api.Clock.At(new DateTimeOffset(2026, 12, 2, 16, 0, 0, TimeSpan.Zero)))
        {
            await api.Services.GetRequiredService<SendDueMessages>().DeliverAsync(notice);
        }

        var sms = (await api.Store.ReadAsync<PatientNotice>(Partitions.Notifications, "demo", notice.Id))!.Body.Deliveries.Single(d => d.Channel == CommunicationChannel.Sms);
        sms.Status.ShouldBe(DeliveryStatus.Sent);

        // As a CloudEvent, its data in PascalCase as the spec's samples write it.
        var cloudEvent = new
        {
            id = Guid.NewGuid().ToString(), source = "/subscriptions/x/providers/Microsoft.Communication/communicationServices/medspa", specversion = "1.0",
            type = "Microsoft.Communication.SMSDeliveryReportReceived", time = DateTimeOffset.UtcNow,
            data = new { MessageId = sms.ProviderMessageId, From = "+18005550100", To = phone, DeliveryStatus = "Delivered", DeliveryStatusDetails = "No error.", Tag = $"demo/{notice.Id}" },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/eventgrid?key={Key}") { Content = new StringContent(JsonSerializer.Serialize(new[] { cloudEvent }), System.Text.Encoding.UTF8, "application/cloudevents-batch+json") };
        var answered = await api.Anonymous().SendAsync(request);
        answered.StatusCode.ShouldBe(HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());

        (await api.Store.ReadAsync<PatientNotice>(Partitions.Notifications, "demo", notice.Id))!.Body.Deliveries.Single(d => d.Channel == CommunicationChannel.Sms).Status.ShouldBe(DeliveryStatus.Delivered);
        var log = (await (await _desk.GetAsync($"/api/patients/{patientId}/communications")).JsonAsync())["items"]!.AsArray();
        log.Single(e => e!["channel"]!.GetValue<string>() == "sms")!["delivery"]!.GetValue<string>().ShouldBe("delivered");
    }

    [Fact]
    public async Task An_emails_delivery_report_marks_it_delivered_or_bounced_with_the_reason_once_and_a_stranger_report_changes_nothing()
    {
        var (patientId, _) = await PatientAsync("Emma");
        var notices = api.Services.GetRequiredService<PatientNoticeStore>();
        var notice = new PatientNotice($"test:{Guid.NewGuid():N}", "demo", patientId, "Hello", "A test.", DateTimeOffset.UtcNow);
        await notices.RecordAsync(notice);
        using (api.Clock.At(new DateTimeOffset(2026, 12, 2, 16, 0, 0, TimeSpan.Zero)))
        {
            await api.Services.GetRequiredService<SendDueMessages>().DeliverAsync(notice);
        }

        var email = (await api.Store.ReadAsync<PatientNotice>(Partitions.Notifications, "demo", notice.Id))!.Body.Deliveries.Single(d => d.Channel == CommunicationChannel.Email);
        email.Status.ShouldBe(DeliveryStatus.Sent);
        object Report(string id, string status) => Event("Microsoft.Communication.EmailDeliveryReportReceived", new
        {
            sender = "DoNotReply@medspa.local", recipient = email.To, messageId = id, status,
            deliveryStatusDetails = new { statusMessage = "550 5.1.1 The email account does not exist." }, deliveryAttemptTimestamp = DateTimeOffset.UtcNow,
        });

        var before = api.Snapshot();
        (await (await api.Anonymous().SendAsync(EventGrid([Report(Guid.NewGuid().ToString(), "Delivered"), Report("not-a-uuid", "Delivered")]))).JsonAsync())["outcomes"]!.AsArray()
            .Select(o => o!.GetValue<string>()).ShouldBe(["not ours", "not ours"]);
        api.Snapshot().ShouldBe(before);

        var answered = await api.Anonymous().SendAsync(EventGrid([Report(email.ProviderMessageId!, "Bounced"), Report(email.ProviderMessageId!, "Bounced")]));
        answered.StatusCode.ShouldBe(HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());

        var after = (await api.Store.ReadAsync<PatientNotice>(Partitions.Notifications, "demo", notice.Id))!.Body.Deliveries.Single(d => d.Channel == CommunicationChannel.Email);
        after.Status.ShouldBe(DeliveryStatus.Failed);
        after.Detail.ShouldBe("550 5.1.1 The email account does not exist.");
        var log = (await (await _desk.GetAsync($"/api/patients/{patientId}/communications")).JsonAsync())["items"]!.AsArray();
        log.Single(e => e!["channel"]!.GetValue<string>() == "email")!["delivery"]!.GetValue<string>().ShouldBe("failed");
    }

    [Fact]
    public async Task The_desk_texts_back_from_the_inbox_once_however_often_the_page_sends_it_and_bad_replies_change_nothing()
    {
        var (patientId, phone) = await PatientAsync("Rita");
        var messageId = $"Incoming_reply_{Guid.NewGuid():N}";
        (await api.Anonymous().SendAsync(EventGrid([Text(phone, "Is parking free?", messageId)]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var path = $"/api/messages/inbox/inbox:{messageId}/reply";
        var before = api.Snapshot();

        await (await _desk.PostAsJsonAsync(path, new { text = "  ", idempotencyKey = "reply-key-0001" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "text");
        await (await _desk.PostAsJsonAsync(path, new { text = new string('x', 301), idempotencyKey = "reply-key-0001" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "text");
        await (await _desk.PostAsJsonAsync(path, new { text = "bell\u0007", idempotencyKey = "reply-key-0001" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "text");
        await (await _desk.PostAsJsonAsync(path, new { text = "Yes" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "idempotencyKey");
        (await _desk.PostAsJsonAsync("/api/messages/inbox/inbox:nope/reply", new { text = "Yes", idempotencyKey = "reply-key-0001" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.As(PatientSignIn).PostAsJsonAsync(path, new { text = "Yes", idempotencyKey = "reply-key-0001" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        api.Snapshot().ShouldBe(before);

        var first = await _desk.PostAsJsonAsync(path, new { text = "Yes, behind the building.", idempotencyKey = "reply-key-0001" });
        var again = await _desk.PostAsJsonAsync(path, new { text = "Yes, behind the building.", idempotencyKey = "reply-key-0001" });
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var replied = await again.JsonAsync();
        replied["done"]!.GetValue<bool>().ShouldBeTrue();
        replied["replies"]!.AsArray().ShouldHaveSingleItem()!["text"]!.GetValue<string>().ShouldBe("Yes, behind the building.");
        using (api.Clock.At(new DateTimeOffset(2026, 12, 2, 16, 0, 0, TimeSpan.Zero)))
        {
            await api.SendDueMessagesAsync();
        }

        api.Acs.Sms.Where(s => s.To == phone).ShouldHaveSingleItem().Text.ShouldEndWith("Yes, behind the building.");
        var log = (await (await _desk.GetAsync($"/api/patients/{patientId}/communications")).JsonAsync())["items"]!.AsArray();
        log.Single(e => e!["channel"]!.GetValue<string>() == "sms" && e["body"]?.GetValue<string>() == "Yes, behind the building.")!["direction"]!.GetValue<string>().ShouldBe("outbound");
    }
}
