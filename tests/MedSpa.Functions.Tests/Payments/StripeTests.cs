using MedSpa.Core.Payments;
using MedSpa.Fakes.Stripe;
using Stripe;

namespace MedSpa.Functions.Tests.Payments;

/// <summary>
/// Stripe, through the real Stripe.net client against the local fake: what the fake checks as Stripe does, the
/// gateway's idempotent creates, and the webhook endpoint (signatures, age, repeats, order).
/// </summary>
public sealed class StripeTests(ApiHost api) : IClassFixture<ApiHost>, IAsyncLifetime
{
    /// <summary>Each test books a visit of its own for the demo patient: more than the clinic's usual five online.</summary>
    public Task InitializeAsync() => api.SetPoliciesAsync(p => p["maxFutureBookingsPerPatient"] = 40);

    public Task DisposeAsync() => Task.CompletedTask;

    private IPaymentGateway Gateway => api.Services.GetRequiredService<IPaymentGateway>();

    private PaymentIntentService Intents => new(api.Services.GetRequiredService<IStripeClient>());

    private static PaymentRequest Request(string key, long amount = 5_000, bool captureLater = true) =>
        new(key, "demo", "test", key, new Money(amount, "USD"), null, captureLater, SaveCard: false, "A test payment");

    [Fact]
    public async Task A_retried_create_with_the_same_key_is_the_same_payment_and_other_parameters_are_refused()
    {
        var key = $"test:{Guid.NewGuid():N}";

        var first = await Gateway.CreatePaymentAsync(Request(key));
        var retried = await Gateway.CreatePaymentAsync(Request(key));
        var changed = await Should.ThrowAsync<StripeException>(() => Gateway.CreatePaymentAsync(Request(key, amount: 6_000)));

        retried.Id.ShouldBe(first.Id);
        changed.StripeError.Type.ShouldBe("idempotency_error");
        api.StripeFake.Events.Count(e => e["type"]!.GetValue<string>() == "payment_intent.created" && e["data"]!["object"]!["id"]!.GetValue<string>() == first.Id).ShouldBe(1);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_refused()
    {
        var client = new StripeClient("sk_test_not_the_fakes", httpClient: new SystemNetHttpClient(api.StripeServer()), apiBase: "http://localhost");

        var refused = await Should.ThrowAsync<StripeException>(() => new CustomerService(client).CreateAsync(new CustomerCreateOptions { Name = "X" }));

        refused.HttpStatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("amount=50.5&currency=usd", "parameter_invalid_integer", "amount")]
    [InlineData("amount=-100&currency=usd", "parameter_invalid_integer", "amount")]
    [InlineData("amount=20&currency=usd", "amount_too_small", "amount")]
    [InlineData("currency=usd", "parameter_missing", "amount")]
    [InlineData("amount=5000&currency=xyz", "parameter_invalid_empty", "currency")]
    [InlineData("amount=5000", "parameter_missing", "currency")]
    [InlineData("amount=5000&currency=usd&card_number=4242424242424242", "parameter_unknown", "card_number")]
    [InlineData("amount=5000&currency=usd&capture_method=later", "parameter_invalid_empty", "capture_method")]
    public async Task The_fake_refuses_what_Stripe_refuses(string form, string code, string param)
    {
        var response = await api.StripeServer().PostAsync("/v1/payment_intents", new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await response.JsonAsync())["error"]!;
        error["code"]!.GetValue<string>().ShouldBe(code);
        error["param"]!.GetValue<string>().ShouldBe(param);
    }

    [Fact]
    public async Task The_browser_key_cannot_create_or_read_payments_without_their_secret()
    {
        var intent = await Gateway.CreatePaymentAsync(Request($"test:{Guid.NewGuid():N}"));

        var create = await api.StripeBrowser().PostAsync("/v1/payment_intents", new FormUrlEncodedContent(new Dictionary<string, string> { ["amount"] = "5000", ["currency"] = "usd" }));
        var read = await api.StripeBrowser().GetAsync($"/v1/payment_intents/{intent.Id}?client_secret={intent.Id}_secret_guessed");
        var readWithSecret = await api.StripeBrowser().GetAsync($"/v1/payment_intents/{intent.Id}?client_secret={intent.ClientSecret}");

        create.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        readWithSecret.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await readWithSecret.JsonAsync())["metadata"].ShouldBeNull(); // Stripe redacts metadata from the browser
    }

    [Fact]
    public async Task An_authorised_payment_is_captured_in_part_then_refunded_in_parts_never_beyond_what_was_taken()
    {
        var intent = await Intents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 10_000, Currency = "usd", CaptureMethod = "manual", PaymentMethod = "pm_card_visa", Confirm = true,
        });
        intent.Status.ShouldBe("requires_capture");

        var captured = await Gateway.CapturePaymentAsync(intent.Id, new Money(8_000, "USD"), $"capture:{intent.Id}");
        var first = await Gateway.RefundAsync(intent.Id, new Money(3_000, "USD"), $"refund-1:{intent.Id}");
        var tooMuch = await Should.ThrowAsync<StripeException>(() => Gateway.RefundAsync(intent.Id, new Money(6_000, "USD"), $"refund-2:{intent.Id}"));
        var rest = await Gateway.RefundAsync(intent.Id, null, $"refund-3:{intent.Id}");
        var again = await Should.ThrowAsync<StripeException>(() => Gateway.RefundAsync(intent.Id, null, $"refund-4:{intent.Id}"));

        captured.Status.ShouldBe(ProviderPaymentStatus.Succeeded);
        captured.Received.ShouldBe(new Money(8_000, "USD"));
        first.ShouldBe(new Money(3_000, "USD"));
        tooMuch.StripeError.Code.ShouldBe("amount_too_large");
        rest.ShouldBe(new Money(5_000, "USD"));
        again.StripeError.Code.ShouldBe("charge_already_refunded");
    }

    [Fact]
    public async Task An_authorisation_older_than_seven_days_can_no_longer_be_captured()
    {
        var intent = await Intents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 5_000, Currency = "usd", CaptureMethod = "manual", PaymentMethod = "pm_card_visa", Confirm = true,
        });

        using (api.Clock.At(DateTimeOffset.UtcNow.AddDays(8)))
        {
            var expired = await Should.ThrowAsync<StripeException>(() => Intents.CaptureAsync(intent.Id));
            expired.StripeError.Code.ShouldBe("charge_expired_for_capture");
        }
    }

    [Fact]
    public async Task A_card_that_always_asks_for_authentication_is_refused_off_session_and_a_declined_card_says_why()
    {
        var customer = await new CustomerService(api.Services.GetRequiredService<IStripeClient>()).CreateAsync(new CustomerCreateOptions { Name = "Off session" });

        var offSession = await Should.ThrowAsync<StripeException>(() => Intents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 2_500, Currency = "usd", Customer = customer.Id, PaymentMethod = "pm_card_authenticationRequired", Confirm = true, OffSession = true,
        }));
        var declined = await Should.ThrowAsync<StripeException>(() => Intents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 2_500, Currency = "usd", PaymentMethod = "pm_card_chargeDeclinedInsufficientFunds", Confirm = true,
        }));

        offSession.StripeError.Code.ShouldBe("authentication_required");
        offSession.StripeError.PaymentIntent.Status.ShouldBe("requires_payment_method");
        declined.HttpStatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        declined.StripeError.DeclineCode.ShouldBe("insufficient_funds");
    }

    private async Task<(string AppointmentId, JsonObject Event)> PaidDepositEventAsync(int fromDays)
    {
        var held = await api.HoldForDepositAsync(fromDays);
        var id = held["id"]!.GetValue<string>();
        var checkout = await (await api.As(DepositHolds.Patient).PostAsync($"/api/booking/appointments/{id}/deposit", null)).JsonAsync();
        var paymentId = checkout["paymentId"]!.GetValue<string>();
        await api.ConfirmWithCardAsync(paymentId, checkout["clientSecret"]!.GetValue<string>(), "4242 4242 4242 4242");
        var evt = api.StripeFake.Events.Last(e => e["data"]!["object"]!["id"]!.GetValue<string>() == paymentId);
        return (id, evt);
    }

    private Task<HttpResponseMessage> PostWebhookAsync(string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return api.Anonymous().SendAsync(request);
    }

    [Fact]
    public async Task A_webhook_delivered_a_hundred_times_is_acted_on_once()
    {
        // The fake's own delivery waits until the hundred are in: were it sent first (it was, once), it would be the one acted on.
        api.StripeWebhooks.Paused = true;
        (string id, JsonObject evt) paid;
        var outcomes = new List<string>();
        try
        {
            paid = await PaidDepositEventAsync(fromDays: 3);
            var body = paid.evt.ToJsonString();
            for (var i = 0; i < 100; i++)
            {
                var response = await PostWebhookAsync(body, StripeWebhookDelivery.Sign(body, api.StripeFake.Options.WebhookSecret, api.Clock.GetUtcNow()));
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                outcomes.Add((await response.JsonAsync())["outcome"]!.GetValue<string>());
            }
        }
        finally
        {
            api.StripeWebhooks.Paused = false;
        }

        await api.StripeWebhooks.DrainAsync();
        var booked = await api.WaitForSagaAsync(paid.id);

        outcomes.Count(o => o == RecordPaymentEvent.Processed).ShouldBe(1);
        outcomes.Count(o => o == RecordPaymentEvent.Duplicate).ShouldBe(99);
        booked["status"]!.GetValue<string>().ShouldBe("scheduled");
        (await api.Store.ReadAsync<ProcessedPaymentEvent>("payments", "demo", ProcessedPaymentEvent.IdFor(paid.evt["id"]!.GetValue<string>()))).ShouldNotBeNull();
    }

    [Fact]
    public async Task Events_delivered_twice_and_newest_first_still_book_once()
    {
        api.StripeWebhooks.Copies = 3;
        api.StripeWebhooks.Reverse = true;
        try
        {
            var (id, _) = await PaidDepositEventAsync(fromDays: 4);
            await api.StripeWebhooks.DrainAsync();
            var booked = await api.WaitForSagaAsync(id);

            booked["status"]!.GetValue<string>().ShouldBe("scheduled");
            booked["history"]!.AsArray().Count(h => h!["to"]?.GetValue<string>() == "scheduled").ShouldBeLessThanOrEqualTo(1);
        }
        finally
        {
            api.StripeWebhooks.Copies = 1;
            api.StripeWebhooks.Reverse = false;
        }
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("old")]
    [InlineData("missing")]
    [InlineData("other-secret")]
    public async Task A_webhook_that_is_not_Stripes_or_too_old_is_refused_and_changes_nothing(string how)
    {
        api.StripeWebhooks.Paused = true;
        (string id, JsonObject evt) paid;
        try
        {
            paid = await PaidDepositEventAsync(fromDays: 5);
            var body = paid.evt.ToJsonString();
            var now = api.Clock.GetUtcNow();
            var signature = how switch
            {
                "forged" => StripeWebhookDelivery.Sign(body, api.StripeFake.Options.WebhookSecret, now), // then the body is changed

                "old" => StripeWebhookDelivery.Sign(body, api.StripeFake.Options.WebhookSecret, now.AddSeconds(-301)),
                "other-secret" => StripeWebhookDelivery.Sign(body, "whsec_someone_else", now),
                _ => null,
            };
            var before = api.Snapshot();

            var response = await PostWebhookAsync(how == "forged" ? body.Replace("\"livemode\":false", "\"livemode\":true", StringComparison.Ordinal) : body, signature);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            api.Snapshot().ShouldBe(before);
            (await (await api.As(DepositHolds.Patient).GetAsync($"/api/booking/appointments/{paid.id}")).JsonAsync())["status"]!.GetValue<string>().ShouldBe("pending-deposit");
        }
        finally
        {
            api.StripeWebhooks.Paused = false;
        }

        await api.StripeWebhooks.DrainAsync();
    }
}
