using MedSpa.Core.Payments;
using MedSpa.Functions.Orchestrations;
using Microsoft.DurableTask;
using Moq;
using MedSpa.Core.Deposits;

namespace MedSpa.Functions.Tests.Deposits;

/// <summary>A booking whose service needs a deposit: held, paid or declined or left to expire, then confirmed or released.</summary>
public sealed class DepositSagaTests(ApiHost api) : IClassFixture<ApiHost>, IAsyncLifetime
{
    /// <summary>Each test books a visit of its own for the demo patient: more than the clinic's usual five online.</summary>
    public Task InitializeAsync() => api.SetPoliciesAsync(p => p["maxFutureBookingsPerPatient"] = 40);

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Patient = $"patient@{ApiHost.Demo}";

    [Fact]
    public async Task A_deposit_service_is_held_until_paid_then_booked_and_a_near_visit_is_only_authorised()
    {
        var held = await api.HoldForDepositAsync(fromDays: 3);
        held["status"]!.GetValue<string>().ShouldBe("pending-deposit");
        held["depositAmount"]!["amount"]!.GetValue<long>().ShouldBe(5_000);
        held["holdExpiresAt"].ShouldNotBeNull();
        var id = held["id"]!.GetValue<string>();

        var opened = await api.As(Patient).PostAsync($"/api/booking/appointments/{id}/deposit", null);
        opened.StatusCode.ShouldBe(HttpStatusCode.OK);
        var checkout = await opened.JsonAsync();
        checkout["provider"]!["testMode"]!.GetValue<bool>().ShouldBeTrue();
        checkout["provider"]!["publishableKey"]!.GetValue<string>().ShouldStartWith("pk_test_");
        checkout["clientSecret"]!.GetValue<string>().ShouldStartWith(checkout["paymentId"]!.GetValue<string>() + "_secret_");
        (await api.ConfirmWithCardAsync(checkout["paymentId"]!.GetValue<string>(), checkout["clientSecret"]!.GetValue<string>(), "4242 4242 4242 4242")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var booked = await api.WaitForSagaAsync(id);

        booked["status"]!.GetValue<string>().ShouldBe("scheduled");
        booked["holdExpiresAt"].ShouldBeNull();
        var intent = api.StripeFake.Find(checkout["paymentId"]!.GetValue<string>())!;
        intent["status"]!.GetValue<string>().ShouldBe("requires_capture"); // taken at checkout, inside Stripe's 7 days
        intent["amount"]!.GetValue<long>().ShouldBe(5_000);
        intent["metadata"]!["reference_id"]!.GetValue<string>().ShouldBe(id);
        intent["setup_future_usage"]!.GetValue<string>().ShouldBe("off_session");
        (await IntentAsync(id)).Status.ShouldBe(DepositIntent.Succeeded);
        var told = await NoticesOfAsync(id);
        told.ShouldNotContain(n => n.Id == $"{id}:deposit-request", "a patient who paid on the page is not asked to pay");
        told.Single(n => n.Id == $"{id}:confirmed").Template.ShouldBe(MedSpa.Core.Messaging.MessageKind.BookingConfirmation, "confirmed in the clinic's words, as any booking");
    }

    private async Task<IReadOnlyList<MedSpa.Core.Notifications.PatientNotice>> NoticesOfAsync(string appointmentId) =>
        [.. (await api.Services.GetRequiredService<MedSpa.Core.Notifications.PatientNoticeStore>().ForPatientAsync("demo", PatientId))
            .Where(n => n.Id.StartsWith(appointmentId + ":", StringComparison.Ordinal))];

    [Fact]
    public async Task A_patient_who_leaves_without_paying_is_asked_once_with_the_amount_the_hold_and_the_way_back_then_can_still_pay()
    {
        var held = await api.HoldForDepositAsync(fromDays: 19);
        var id = held["id"]!.GetValue<string>();
        var holdEnds = DateTimeOffset.Parse(held["holdExpiresAt"]!.GetValue<string>());

        var durable = api.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>();
        for (var i = 0; i < 300 && (await durable.GetInstanceAsync(BookingSaga.InstanceIdFor("demo", id)))?.SerializedCustomStatus != "\"awaiting-deposit\""; i++)
        {
            await Task.Delay(50); // the deposit asked for: the saga now waits for the patient
        }

        MedSpa.Core.Notifications.PatientNotice? asked = null;
        using (api.Clock.At(DateTimeOffset.UtcNow.Add(BookingSaga.AskForDepositAfter).AddSeconds(30)))
        {
            for (var i = 0; i < 300 && asked is null; i++, await Task.Delay(50))
            {
                asked = (await NoticesOfAsync(id)).SingleOrDefault(n => n.Id == $"{id}:deposit-request");
            }
        }

        asked.ShouldNotBeNull("the saga asks once the patient has been away a while");
        asked.Template.ShouldBe(MedSpa.Core.Messaging.MessageKind.DepositRequest);
        asked.Values!["deposit"].ShouldBe("50.00 USD");
        asked.Values["link"].ShouldBe($"/patient/book?pay={id}");
        asked.UsefulUntil.ShouldBe(holdEnds, "never sent after the hold");
        asked.Body.ShouldContain($"is held for you until {asked.Values["holdUntil"]}. Pay the 50.00 USD deposit to keep it: /patient/book?pay={id}");

        (await api.PayDepositAsync(id, "4242 4242 4242 4242")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.WaitForSagaAsync(id))["status"]!.GetValue<string>().ShouldBe("scheduled");
        (await NoticesOfAsync(id)).Count(n => n.Template == MedSpa.Core.Messaging.MessageKind.DepositRequest).ShouldBe(1);
    }

    [Fact]
    public async Task A_deposit_for_a_visit_more_than_six_days_away_is_charged_now()
    {
        var held = await api.HoldForDepositAsync(fromDays: 20);
        var id = held["id"]!.GetValue<string>();

        (await api.PayDepositAsync(id, "4242 4242 4242 4242")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.WaitForSagaAsync(id))["status"]!.GetValue<string>().ShouldBe("scheduled");

        var intent = api.StripeFake.Find((await IntentAsync(id)).PaymentId!)!;
        intent["status"]!.GetValue<string>().ShouldBe("succeeded");
        intent["amount_received"]!.GetValue<long>().ShouldBe(5_000);
    }

    [Fact]
    public async Task A_declined_card_releases_the_time_and_tells_the_patient()
    {
        var held = await api.HoldForDepositAsync(fromDays: 10);
        var id = held["id"]!.GetValue<string>();

        var declined = await api.PayDepositAsync(id, "4000 0000 0000 0002");
        var released = await api.WaitForSagaAsync(id);

        declined.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired); // Stripe's answer to the page
        (await declined.JsonAsync())["error"]!["code"]!.GetValue<string>().ShouldBe("card_declined");
        released["status"]!.GetValue<string>().ShouldBe("cancelled");
        released["history"]!.AsArray().Last()!["reason"]!.GetValue<string>().ShouldContain("declined");
        var notices = await api.Services.GetRequiredService<Core.Notifications.PatientNoticeStore>().ForPatientAsync("demo", "patient-demo-0000");
        notices.ShouldContain(n => n.Id == $"{id}:released");
        var rebooked = await api.HoldForDepositAsync(fromDays: 10);
        rebooked["startTime"]!.GetValue<string>().ShouldBe(held["startTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_good_card_sent_after_a_declined_one_is_refused_and_nothing_is_charged()
    {
        var held = await api.HoldForDepositAsync(fromDays: 12);
        var id = held["id"]!.GetValue<string>();
        var checkout = await (await api.As(Patient).PostAsync($"/api/booking/appointments/{id}/deposit", null)).JsonAsync();
        var paymentId = checkout["paymentId"]!.GetValue<string>();
        var secret = checkout["clientSecret"]!.GetValue<string>();

        await api.ConfirmWithCardAsync(paymentId, secret, "4000 0000 0000 0002");
        var released = await api.WaitForSagaAsync(id);
        var reopened = await api.As(Patient).PostAsync($"/api/booking/appointments/{id}/deposit", null);
        var sameSecret = await api.ConfirmWithCardAsync(paymentId, secret, "4242 4242 4242 4242");

        released["status"]!.GetValue<string>().ShouldBe("cancelled");
        reopened.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        sameSecret.StatusCode.ShouldBe(HttpStatusCode.BadRequest); // the intent was cancelled when the time was released
        api.StripeFake.Find(paymentId)!["status"]!.GetValue<string>().ShouldBe("canceled");
        (await IntentAsync(id)).Status.ShouldBe(DepositIntent.Declined);
    }

    [Fact]
    public async Task No_deposit_can_be_paid_once_the_hold_is_released()
    {
        var held = await api.HoldForDepositAsync(fromDays: 13);
        var id = held["id"]!.GetValue<string>();
        await api.Services.GetRequiredService<SettleDeposit>().ReleaseAsync("demo", id, "The deposit was not paid before the hold expired.");

        var late = await api.PayDepositAsync(id, "4242 4242 4242 4242");

        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await IntentAsync(id)).Status.ShouldBe(DepositIntent.Voided);
    }

    [Fact]
    public async Task A_payment_that_won_the_race_against_the_hold_ending_is_released_and_the_patient_told()
    {
        var held = await api.HoldForDepositAsync(fromDays: 2);
        var id = held["id"]!.GetValue<string>();
        var checkout = await (await api.As(Patient).PostAsync($"/api/booking/appointments/{id}/deposit", null)).JsonAsync();
        await api.StripeWebhooks.DrainAsync();
        api.StripeWebhooks.Paused = true; // Stripe's news of the payment is late
        try
        {
            (await api.ConfirmWithCardAsync(checkout["paymentId"]!.GetValue<string>(), checkout["clientSecret"]!.GetValue<string>(), "4242 4242 4242 4242"))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
            await api.Services.GetRequiredService<SettleDeposit>().ReleaseAsync("demo", id, "The deposit was not paid before the hold expired.");
        }
        finally
        {
            api.StripeWebhooks.Paused = false;
        }

        await api.StripeWebhooks.DrainAsync();
        (await IntentAsync(id)).Status.ShouldBe(DepositIntent.Voided); // never accepted: the authorisation is voided
        api.StripeFake.Find(checkout["paymentId"]!.GetValue<string>())!["status"]!.GetValue<string>().ShouldBe("canceled"); // the hold on the card released
        var notices = await api.Services.GetRequiredService<Core.Notifications.PatientNoticeStore>().ForPatientAsync("demo", "patient-demo-0000");
        notices.Single(n => n.Id == $"{id}:released").Body.ShouldContain("Your deposit of 50.00 USD was refunded.");
    }

    [Fact]
    public async Task A_card_asking_for_3D_Secure_waits_for_the_patient_then_books()
    {
        var held = await api.HoldForDepositAsync(fromDays: 4);
        var id = held["id"]!.GetValue<string>();
        var checkout = await (await api.As(Patient).PostAsync($"/api/booking/appointments/{id}/deposit", null)).JsonAsync();
        var paymentId = checkout["paymentId"]!.GetValue<string>();
        var secret = checkout["clientSecret"]!.GetValue<string>();

        var confirmed = await (await api.ConfirmWithCardAsync(paymentId, secret, "4000 0025 0000 3155")).JsonAsync();
        await api.StripeWebhooks.DrainAsync();
        var waiting = await (await api.As(Patient).GetAsync($"/api/booking/appointments/{id}")).JsonAsync();
        var authenticated = await api.StripeBrowser().PostAsync($"/v1/test_helpers/authenticate/{paymentId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["client_secret"] = secret, ["outcome"] = "complete" }));
        var booked = await api.WaitForSagaAsync(id);

        confirmed["status"]!.GetValue<string>().ShouldBe("requires_action");
        waiting["status"]!.GetValue<string>().ShouldBe("pending-deposit");
        authenticated.StatusCode.ShouldBe(HttpStatusCode.OK);
        booked["status"]!.GetValue<string>().ShouldBe("scheduled");
    }

    [Fact]
    public async Task A_failed_3D_Secure_releases_the_time()
    {
        var held = await api.HoldForDepositAsync(fromDays: 5);
        var id = held["id"]!.GetValue<string>();
        var checkout = await (await api.As(Patient).PostAsync($"/api/booking/appointments/{id}/deposit", null)).JsonAsync();
        var paymentId = checkout["paymentId"]!.GetValue<string>();
        var secret = checkout["clientSecret"]!.GetValue<string>();

        await api.ConfirmWithCardAsync(paymentId, secret, "4000 0025 0000 3155");
        await api.StripeBrowser().PostAsync($"/v1/test_helpers/authenticate/{paymentId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["client_secret"] = secret, ["outcome"] = "fail" }));
        var released = await api.WaitForSagaAsync(id);

        released["status"]!.GetValue<string>().ShouldBe("cancelled");
        (await IntentAsync(id)).Status.ShouldBe(DepositIntent.Declined);
    }

    private async Task<DepositIntent> IntentAsync(string appointmentId) =>
        (await api.Store.ReadAsync<DepositIntent>("payments", "demo", DepositIntent.IdFor(appointmentId)))!.Body;

    [Fact]
    public async Task A_hold_that_is_not_paid_in_time_expires_and_frees_the_slot()
    {
        var held = await api.HoldForDepositAsync(fromDays: 17);
        var id = held["id"]!.GetValue<string>();

        var client = api.As(Patient);
        using (api.Clock.At(DateTimeOffset.UtcNow.AddMinutes(11)))
        {
            var expired = await api.WaitForSagaAsync(id, client: client);

            expired["status"]!.GetValue<string>().ShouldBe("cancelled");
            expired["history"]!.AsArray().Last()!["reason"]!.GetValue<string>().ShouldContain("expired");
        }
    }

    [Fact]
    public async Task A_card_number_Stripe_refuses_keeps_the_hold()
    {
        var held = await api.HoldForDepositAsync(fromDays: 24);

        var response = await api.PayDepositAsync(held["id"]!.GetValue<string>(), "1234 5678 9012 3456");

        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        (await response.JsonAsync())["error"]!["code"]!.GetValue<string>().ShouldBe("incorrect_number");
        (await (await api.As(Patient).GetAsync($"/api/booking/appointments/{held["id"]}")).JsonAsync())["status"]!.GetValue<string>().ShouldBe("pending-deposit");
    }

    private static async Task<DepositSettled> NeverUnlessCancelled(CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("unreachable");
    }

    [Fact]
    public async Task The_saga_releases_when_no_payment_arrives_before_the_hold_ends()
    {
        var input = new BookingSagaInput("demo", "appt-1", new Money(5_000, "USD"), new DateTimeOffset(2026, 11, 22, 10, 10, 0, TimeSpan.Zero));
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.GetInput<BookingSagaInput>()).Returns(input);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc));
        context.Setup(c => c.CallActivityAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(Task.CompletedTask);
        context.Setup(c => c.WaitForExternalEvent<DepositSettled>(BookingSaga.DepositSettledEvent, It.IsAny<CancellationToken>()))
            .Returns((string _, CancellationToken token) => NeverUnlessCancelled(token));
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        context.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == nameof(ReleaseBooking)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync("cancelled");

        var result = await BookingSaga.RunOrchestrator(context.Object);

        result.ShouldBe("cancelled");
        context.Verify(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == nameof(ReleaseBooking)),
            It.Is<object?>(o => ((BookingSaga.ReleaseRequest)o!).Reason.Contains("expired")), It.IsAny<TaskOptions?>()));
        context.Verify(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == nameof(ConfirmBooking)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
        context.Verify(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == nameof(MedSpa.Functions.Orchestrations.AskForDeposit)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Once);
    }
}
