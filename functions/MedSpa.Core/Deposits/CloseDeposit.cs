using MedSpa.Core.Payments;

namespace MedSpa.Core.Deposits;

/// <summary>
/// A hold ended without a booking: the deposit is closed for good (a deposit not yet asked for is recorded as voided, so a
/// late request can never be paid) and whatever the provider holds goes back — an authorisation released, a charge
/// refunded. Idempotent: the provider calls are keyed by the appointment.
/// </summary>
public sealed class CloseDeposit(DepositIntentStore deposits, IPaymentGateway payments)
{
    public async Task<DepositClosed> CloseAsync(string tenantId, string appointmentId, Money amount, CancellationToken ct = default)
    {
        var deposit = (await deposits.ChangeAsync(tenantId, appointmentId,
            () => new DepositIntent(DepositIntent.IdFor(appointmentId), tenantId, appointmentId, amount, DepositIntent.Voided),
            d => d.Close(), ct)).Value!;
        if (deposit.PaymentId is not { } paymentId || await payments.ReadPaymentAsync(paymentId, ct) is not { } payment)
        {
            return new DepositClosed(deposit.Status, null);
        }

        switch (payment.Status)
        {
            case ProviderPaymentStatus.Succeeded:
                var refunded = await payments.RefundAsync(paymentId, null, $"deposit-refund:{tenantId}:{appointmentId}", ct);
                return new DepositClosed(DepositIntent.Refunded, refunded);
            case ProviderPaymentStatus.Authorised:
                await payments.CancelPaymentAsync(paymentId, $"deposit-cancel:{tenantId}:{appointmentId}", ct);
                return new DepositClosed(DepositIntent.Refunded, payment.Amount); // the hold on the card is released
            case ProviderPaymentStatus.Canceled:
                return new DepositClosed(deposit.Status, deposit.Status == DepositIntent.Refunded ? deposit.Amount : null);
            default:
                // Unpaid or declined: cancelled, so the page's client secret can no longer pay it with another card.
                await payments.CancelPaymentAsync(paymentId, $"deposit-cancel:{tenantId}:{appointmentId}", ct);
                return new DepositClosed(deposit.Status, null);
        }
    }
}
