using MedSpa.Core.Payments;

namespace MedSpa.Core.Deposits;

/// <summary>
/// What the provider says about a deposit's payment, read fresh from the provider (so events that arrive late, twice or
/// out of order all lead to what is true now): a payment that went through or was declined decides the deposit once; money
/// that arrives for a deposit already declined or closed goes back at once.
/// </summary>
public sealed class ApplyDepositPayment(DepositIntentStore deposits, IPaymentGateway payments, CloseDeposit close, DomainEventQueue events)
{
    public async Task ApplyAsync(string tenantId, string paymentId, CancellationToken ct = default)
    {
        if (await payments.ReadPaymentAsync(paymentId, ct) is not { Purpose: PaymentPurpose.Deposit, ReferenceId: { } appointmentId } payment
            || payment.TenantId != tenantId
            || await deposits.GetAsync(tenantId, appointmentId, ct) is not { } deposit
            || deposit.PaymentId != paymentId)
        {
            return;
        }

        bool declined;
        if (payment.HoldsMoney)
        {
            declined = false;
        }
        else if (payment.Status == ProviderPaymentStatus.Declined)
        {
            declined = true;
        }
        else
        {
            return; // still waiting for the patient (a card, 3-D Secure) or cancelled by us: nothing to decide
        }

        var reason = declined ? payment.FailureMessage ?? "The card was declined." : null;
        var settled = await deposits.ChangeAsync(tenantId, appointmentId, () => deposit, d => d.Settle(declined, reason), ct);
        if (!settled.IsSuccess)
        {
            if (payment.HoldsMoney)
            {
                await close.CloseAsync(tenantId, appointmentId, deposit.Amount, ct);
            }

            return;
        }

        // Told again on a repeated delivery: the saga takes the first and ignores the rest.
        events.Raise(new DepositOutcomeKnown(tenantId, appointmentId, !declined, reason));
    }
}
