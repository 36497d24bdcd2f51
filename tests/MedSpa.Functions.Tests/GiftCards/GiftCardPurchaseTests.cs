using MedSpa.Core.GiftCards;
using MedSpa.Core.Notifications;
using MedSpa.Functions.Orchestrations;
using Microsoft.DurableTask.Client;

namespace MedSpa.Functions.Tests.GiftCards;

/// <summary>
/// A patient buys a gift card online for a friend: paid through Stripe (the fake, with the real Stripe.net client), the
/// card issued by the payment's webhook once, and emailed at the chosen time in the buyer's zone by a durable timer.
/// </summary>
public sealed class GiftCardPurchaseTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Zone = "America/Los_Angeles";

    private static object Purchase(string deliverOn, long amount = 5_000, string key = "", string currency = "USD", string recipientEmail = "fran@example.com", string recipientName = "Fran Friend", string timeZone = Zone, string? message = "Happy birthday!\nEnjoy a facial on me.") =>
        new { amount, currency, recipientName, recipientEmail, message, deliverOn, timeZone, idempotencyKey = key.Length > 0 ? key : Guid.NewGuid().ToString() };

    /// <summary>Tomorrow at 09:00 on the buyer's wall clock.</summary>
    private static string TomorrowNineLocal()
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Zone));
        return $"{DateOnly.FromDateTime(local.Date).AddDays(1):yyyy-MM-dd}T09:00";
    }

    private async Task<OrchestrationMetadata> DeliveryAsync(string purchaseId, bool completed)
    {
        var durable = api.Services.GetRequiredService<DurableTaskClient>();
        for (var i = 0; i < 300; i++)
        {
            if (await durable.GetInstanceAsync(GiftCardDelivery.InstanceIdFor("demo", purchaseId), getInputsAndOutputs: true) is { } instance
                && (!completed || instance.IsCompleted))
            {
                return instance;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The delivery of {purchaseId} did not {(completed ? "end" : "start")}.");
    }

    [Fact]
    public async Task A_patient_buys_a_gift_card_for_a_friend_delivered_tomorrow_at_nine_in_their_zone_issued_and_emailed_once()
    {
        var patient = api.As(DemoPeople.PatientSignIn);
        var desk = api.As(DemoPeople.DeskSignIn);
        var deliverOn = TomorrowNineLocal();

        var bought = await patient.PostAsJsonAsync("/api/gift-cards/online-purchase", Purchase(deliverOn, key: "buy-fran-0001"));
        bought.StatusCode.ShouldBe(HttpStatusCode.Created, await bought.Content.ReadAsStringAsync());
        var checkout = await bought.JsonAsync();
        var id = checkout["id"]!.GetValue<string>();
        checkout["status"]!.GetValue<string>().ShouldBe("awaiting-payment");
        checkout["deliverAtLocal"]!.GetValue<string>().ShouldStartWith(deliverOn);
        var deliverAt = checkout["deliverAt"]!.GetValue<DateTimeOffset>();
        deliverAt.ShouldBe(new DateTimeOffset(DateTime.Parse(deliverOn, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(Zone).GetUtcOffset(deliverAt)));
        var again = await (await patient.PostAsJsonAsync("/api/gift-cards/online-purchase", Purchase(deliverOn, key: "buy-fran-0001"))).JsonAsync();
        again["paymentId"]!.GetValue<string>().ShouldBe(checkout["paymentId"]!.GetValue<string>()); // the same key is the same purchase and payment

        api.StripeWebhooks.Copies = 3; // Stripe may deliver an event more than once: the card is issued once
        try
        {
            (await api.ConfirmWithCardAsync(checkout["paymentId"]!.GetValue<string>(), checkout["clientSecret"]!.GetValue<string>(), "4242 4242 4242 4242")).StatusCode.ShouldBe(HttpStatusCode.OK);
            await api.StripeWebhooks.DrainAsync();
        }
        finally
        {
            api.StripeWebhooks.Copies = 1;
        }

        var scheduled = await DeliveryAsync(id, completed: false);
        scheduled.IsCompleted.ShouldBeFalse("it waits for tomorrow morning");
        var paid = await (await patient.GetAsync($"/api/gift-cards/online-purchase/{id}")).JsonAsync();
        paid["status"]!.GetValue<string>().ShouldBe("scheduled");
        var stored = (await api.Services.GetRequiredService<GiftCardPurchaseStore>().GetAsync("demo", id))!.Body;
        var code = stored.PendingCode.ShouldNotBeNull();
        var outbox = api.Services.GetRequiredService<EmailOutbox>();
        (await outbox.GetAsync("demo", DeliverGiftCard.EmailIdFor(id))).ShouldBeNull("not before its time");
        var card = await (await desk.GetAsync($"/api/gift-cards/{code}")).JsonAsync();
        card["balance"]!.GetValue<long>().ShouldBe(5_000); // owed by the clinic from the payment on
        card["recipientName"]!.GetValue<string>().ShouldBe("Fran Friend");
        (await api.Services.GetRequiredService<GiftCardStore>().AllCardsAsync("demo")).Count(c => c.RecipientEmail == "fran@example.com").ShouldBe(1);

        using (api.Clock.At(deliverAt.AddMinutes(1)))
        {
            var delivered = await DeliveryAsync(id, completed: true);
            delivered.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, delivered.FailureDetails?.ToString());
        }

        var email = (await outbox.GetAsync("demo", DeliverGiftCard.EmailIdFor(id))).ShouldNotBeNull();
        email.To.ShouldBe("fran@example.com");
        email.Subject.ShouldContain("50.00 USD gift card");
        email.Body.ShouldContain(code);
        email.Body.ShouldContain("Happy birthday!\nEnjoy a facial on me.");
        (await (await patient.GetAsync($"/api/gift-cards/online-purchase/{id}")).JsonAsync())["status"]!.GetValue<string>().ShouldBe("delivered");
        var compact = code.Replace("-", "", StringComparison.Ordinal);
        api.StoredDocuments().Where(row => row.Contains(code, StringComparison.Ordinal) || row.Contains(compact, StringComparison.Ordinal))
            .ShouldHaveSingleItem().ShouldContain("outbound-email"); // once sent, only the gift email holds the code
    }

    [Fact]
    public async Task A_declined_card_issues_nothing_and_the_purchase_waits_for_another_card()
    {
        var patient = api.As(DemoPeople.PatientSignIn);
        var checkout = await (await patient.PostAsJsonAsync("/api/gift-cards/online-purchase", Purchase(TomorrowNineLocal(), recipientEmail: "declined@example.com"))).JsonAsync();

        (await api.ConfirmWithCardAsync(checkout["paymentId"]!.GetValue<string>(), checkout["clientSecret"]!.GetValue<string>(), "4000 0000 0000 0002")).StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        await api.StripeWebhooks.DrainAsync();

        (await (await patient.GetAsync($"/api/gift-cards/online-purchase/{checkout["id"]}")).JsonAsync())["status"]!.GetValue<string>().ShouldBe("awaiting-payment");
        (await api.Services.GetRequiredService<GiftCardStore>().AllCardsAsync("demo")).ShouldNotContain(c => c.RecipientEmail == "declined@example.com");
        (await api.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(GiftCardDelivery.InstanceIdFor("demo", checkout["id"]!.GetValue<string>()))).ShouldBeNull();
    }

    [Fact]
    public async Task Only_a_signed_in_patient_buys_and_only_the_buyer_and_the_desk_read_it()
    {
        var checkout = await (await api.As(DemoPeople.PatientSignIn).PostAsJsonAsync("/api/gift-cards/online-purchase", Purchase(TomorrowNineLocal()))).JsonAsync();
        var id = checkout["id"]!.GetValue<string>();
        await api.StripeWebhooks.DrainAsync(); // Stripe's own events about the new payment, recorded before the refusals below
        var before = api.Snapshot();

        var byDesk = await api.As(DemoPeople.DeskSignIn).PostAsJsonAsync("/api/gift-cards/online-purchase", Purchase(TomorrowNineLocal()));
        var byAdmin = await api.AsAdmin().PostAsJsonAsync("/api/gift-cards/online-purchase", Purchase(TomorrowNineLocal()));
        var anonymous = await api.Anonymous().PostAsJsonAsync("/api/gift-cards/online-purchase", Purchase(TomorrowNineLocal()));
        var otherClinic = await api.As($"patient@{ApiHost.Other}").GetAsync($"/api/gift-cards/online-purchase/{id}");
        var deskReads = await api.As(DemoPeople.DeskSignIn).GetAsync($"/api/gift-cards/online-purchase/{id}");
        var practitioner = await api.As(DemoPeople.InjectorSignIn).GetAsync($"/api/gift-cards/online-purchase/{id}");

        byDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        otherClinic.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        deskReads.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await deskReads.JsonAsync())["clientSecret"].ShouldBeNull();
        practitioner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Bad_purchases_are_refused_with_the_field_and_change_nothing()
    {
        var patient = api.As(DemoPeople.PatientSignIn);
        await api.StripeWebhooks.DrainAsync();
        var before = api.Snapshot();
        var tomorrow = TomorrowNineLocal();
        var nextSpringForward = Enumerable.Range(0, 400).Select(d => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(d))
            .First(d => TimeZoneInfo.FindSystemTimeZoneById(Zone).IsInvalidTime(d.ToDateTime(new TimeOnly(2, 30))));

        var cases = new (string Field, object Body)[]
        {
            ("amount", Purchase(tomorrow, amount: 999)),
            ("amount", Purchase(tomorrow, amount: 200_001)),
            ("amount", Purchase(tomorrow, amount: -5_000)),
            ("currency", Purchase(tomorrow, currency: "EUR")),
            ("recipientEmail", Purchase(tomorrow, recipientEmail: "not an email")),
            ("recipientEmail", Purchase(tomorrow, recipientEmail: "Fran <fran@example.com>")),
            ("recipientName", Purchase(tomorrow, recipientName: "Fran\u0000Friend")),
            ("recipientName", Purchase(tomorrow, recipientName: "  ")),
            ("message", Purchase(tomorrow, message: new string('x', 501))),
            ("message", Purchase(tomorrow, message: "Hi\u0007")),
            ("deliverOn", Purchase("2020-01-01T09:00")),
            ("deliverOn", Purchase($"{DateTime.UtcNow.AddYears(2):yyyy-MM-dd}T09:00")),
            ("deliverOn", Purchase("tomorrow morning")),
            ("deliverOn", Purchase($"{nextSpringForward:yyyy-MM-dd}T02:30")), // the clocks skip 02:30 that night
            ("timeZone", Purchase(tomorrow, timeZone: "Mars/Olympus_Mons")),
            ("idempotencyKey", Purchase(tomorrow, key: "short")),
        };
        foreach (var (field, body) in cases)
        {
            var refused = await patient.PostAsJsonAsync("/api/gift-cards/online-purchase", body);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{field}: {await refused.Content.ReadAsStringAsync()}");
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await refused.JsonAsync())["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue($"{field}: {await refused.Content.ReadAsStringAsync()}");
        }

        var decimals = await patient.PostAsync("/api/gift-cards/online-purchase", new StringContent(
            """{"amount":50.5,"currency":"USD","recipientName":"F","recipientEmail":"f@example.com","timeZone":"America/Los_Angeles","idempotencyKey":"0123456789"}""", System.Text.Encoding.UTF8, "application/json"));
        var duplicateKeys = await patient.PostAsync("/api/gift-cards/online-purchase", new StringContent(
            """{"amount":5000,"amount":9000,"currency":"USD","recipientName":"F","recipientEmail":"f@example.com","timeZone":"America/Los_Angeles","idempotencyKey":"0123456789"}""", System.Text.Encoding.UTF8, "application/json"));
        var missing = await patient.PostAsJsonAsync("/api/gift-cards/online-purchase", new { amount = 5_000 });
        decimals.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        duplicateKeys.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        api.Snapshot().ShouldBe(before);
    }
}
