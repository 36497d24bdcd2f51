using MedSpa.Core.Payments;

namespace MedSpa.Core.Tests.Payments;

/// <summary>A deposit is one state machine: once an outcome is final, no other outcome is accepted for it.</summary>
public sealed class DepositIntentTests
{
    private static DepositIntent Awaiting() => new("pi_1", "demo", "appt-1", new Money(5_000, "USD"), DepositIntent.AwaitingPayment);

    [Fact]
    public void A_payment_succeeds_or_is_declined_once()
    {
        Awaiting().Settle(declined: false, null).Value!.Status.ShouldBe(DepositIntent.Succeeded);
        Awaiting().Settle(declined: true, "Card declined.").Value!.ShouldBe(Awaiting() with { Status = DepositIntent.Declined, FailureReason = "Card declined." });
    }

    [Fact]
    public void After_a_decline_no_card_is_charged()
    {
        var declined = Awaiting().Settle(declined: true, "Card declined.").Value!;

        declined.Settle(declined: false, null).Error.ShouldBeOfType<Error.Conflict>();
    }

    [Fact]
    public void Paying_twice_with_success_is_the_same_payment()
    {
        var paid = Awaiting().Settle(declined: false, null).Value!;

        paid.Settle(declined: false, null).Value.ShouldBe(paid);
    }

    [Fact]
    public void Closing_voids_an_unpaid_deposit_and_refunds_a_paid_one_and_nothing_is_paid_after()
    {
        var voided = Awaiting().Close();
        var refunded = Awaiting().Settle(declined: false, null).Value!.Close();

        voided.Status.ShouldBe(DepositIntent.Voided);
        refunded.Status.ShouldBe(DepositIntent.Refunded);
        voided.Settle(declined: false, null).Error.ShouldBeOfType<Error.Conflict>();
        refunded.Settle(declined: false, null).Error.ShouldBeOfType<Error.Conflict>();
        refunded.Close().ShouldBe(refunded);
    }

    [Theory]
    [InlineData(5_000, "USD", "50.00 USD")]
    [InlineData(5_000, "JPY", "5000 JPY")]
    [InlineData(7, "EUR", "0.07 EUR")]
    public void Money_reads_as_people_write_it(long amount, string currency, string expected)
    {
        new Money(amount, currency).ToDisplay().ShouldBe(expected);
    }
}
