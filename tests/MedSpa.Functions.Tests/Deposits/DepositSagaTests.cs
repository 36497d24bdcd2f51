using MedSpa.Core.Payments;
using MedSpa.Functions.Orchestrations;
using Microsoft.DurableTask;
using Moq;
using MedSpa.Core.Deposits;

namespace MedSpa.Functions.Tests.Deposits;

/// <summary>A booking whose service needs a deposit: held, paid or declined or left to expire, then confirmed or released.</summary>
public sealed class DepositSagaTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Patient = $"patient@{ApiHost.Demo}";

    [Fact]
    public async Task A_deposit_service_is_held_until_paid_then_booked()
    {
        var held = await api.HoldForDepositAsync(fromDays: 3);
        held["status"]!.GetValue<string>().ShouldBe("pending-deposit");
        held["depositAmount"]!["amount"]!.GetValue<long>().ShouldBe(5_000);
        held["holdExpiresAt"].ShouldNotBeNull();

        (await api.PayDepositAsync(held["id"]!.GetValue<string>(), "4242 4242 4242 4242")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var booked = await api.WaitForSagaAsync(held["id"]!.GetValue<string>());

        booked["status"]!.GetValue<string>().ShouldBe("scheduled");
        booked["holdExpiresAt"].ShouldBeNull();
    }

    [Fact]
    public async Task A_declined_card_releases_the_time_and_tells_the_patient()
    {
        var held = await api.HoldForDepositAsync(fromDays: 10);
        var id = held["id"]!.GetValue<string>();

        await api.PayDepositAsync(id, "4000 0000 0000 0002");
        var released = await api.WaitForSagaAsync(id);

        released["status"]!.GetValue<string>().ShouldBe("cancelled");
        released["history"]!.AsArray().Last()!["reason"]!.GetValue<string>().ShouldContain("declined");
        var notices = await api.Services.GetRequiredService<Core.Notifications.PatientNoticeStore>().ForPatientAsync("demo", "patient-demo-0000");
        notices.ShouldContain(n => n.Id == $"{id}:released");
        var rebooked = await api.HoldForDepositAsync(fromDays: 10);
        rebooked["startTime"]!.GetValue<string>().ShouldBe(held["startTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_good_card_sent_right_after_a_declined_one_is_refused_and_nothing_is_charged()
    {
        var held = await api.HoldForDepositAsync(fromDays: 12);
        var id = held["id"]!.GetValue<string>();

        var declined = await api.PayDepositAsync(id, "4000 0000 0000 0002");
        var second = await api.PayDepositAsync(id, "4242 4242 4242 4242");
        var released = await api.WaitForSagaAsync(id);

        declined.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict); // refused by the released booking or by the declined deposit, whichever is first
        released["status"]!.GetValue<string>().ShouldBe("cancelled");
        (await IntentAsync(id)).Status.ShouldBe(DepositIntent.Declined);
    }

    [Fact]
    public async Task The_gateway_itself_refuses_a_second_card_once_a_payment_was_declined()
    {
        var held = await api.HoldForDepositAsync(fromDays: 15);
        var id = held["id"]!.GetValue<string>();
        var payments = api.Services.GetRequiredService<IPaymentGateway>();
        await payments.RequestDepositAsync("demo", id, new Money(5_000, "USD"));

        var declined = await payments.PayAsync("demo", id, new CardDetails("4000000000000002", "12/30", "123"));
        var second = await payments.PayAsync("demo", id, new CardDetails("4242424242424242", "12/30", "123"));

        declined.Value!.Succeeded.ShouldBeFalse();
        second.Error.ShouldBeOfType<Error.Conflict>().Detail.ShouldContain("declined");
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
    public async Task A_payment_that_won_the_race_against_the_hold_ending_is_refunded_and_the_patient_told()
    {
        var held = await api.HoldForDepositAsync(fromDays: 14);
        var id = held["id"]!.GetValue<string>();
        var payments = api.Services.GetRequiredService<IPaymentGateway>();
        await payments.RequestDepositAsync("demo", id, new Money(5_000, "USD")); // as the saga's first activity does
        (await payments.PayAsync("demo", id, new CardDetails("4242424242424242", "12/30", "123"))).Value!.Succeeded.ShouldBeTrue();

        await api.Services.GetRequiredService<SettleDeposit>().ReleaseAsync("demo", id, "The deposit was not paid before the hold expired.");

        (await IntentAsync(id)).Status.ShouldBe(DepositIntent.Refunded);
        var notices = await api.Services.GetRequiredService<Core.Notifications.PatientNoticeStore>().ForPatientAsync("demo", "patient-demo-0000");
        notices.Single(n => n.Id == $"{id}:released").Body.ShouldContain("Your deposit of 50.00 USD was refunded.");
    }

    private async Task<DepositIntent> IntentAsync(string appointmentId) =>
        (await api.Store.ReadAsync<DepositIntent>("payments", "demo", $"pi_sim_{appointmentId}"))!.Body;

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
    public async Task Bad_card_details_are_refused_before_the_gateway_and_keep_the_hold()
    {
        var held = await api.HoldForDepositAsync(fromDays: 24);

        var response = await api.PayDepositAsync(held["id"]!.GetValue<string>(), "1234 5678 9012 3456");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!["cardNumber"].ShouldNotBeNull();
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
    }
}
