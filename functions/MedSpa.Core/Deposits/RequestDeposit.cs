using MedSpa.Core.Booking;
using MedSpa.Core.Payments;

namespace MedSpa.Core.Deposits;

/// <summary>
/// Asks the payment provider for a held booking's deposit, once: the payment is keyed by the appointment, so the saga's
/// retried activity and the patient's page opening at the same moment share one. A deposit for a visit within six days is
/// only authorised (Stripe holds it up to seven) and taken at checkout; a later one is charged now and refunded if the
/// booking ends without a visit. The card is kept on the patient's customer for the clinic's no-show policy.
/// </summary>
public sealed class RequestDeposit(DepositIntentStore deposits, AppointmentStore book, PaymentCustomers customers, IPaymentGateway payments, TimeProvider clock)
{
    public static readonly TimeSpan AuthoriseOnlyWithin = TimeSpan.FromDays(6);

    /// <returns>The deposit record and its provider payment; no payment when the deposit was closed before it was asked for.</returns>
    public async Task<(DepositIntent Deposit, ProviderPayment? Payment)> RequestAsync(string tenantId, string appointmentId, Money amount, CancellationToken ct = default)
    {
        var deposit = (await deposits.ChangeAsync(tenantId, appointmentId,
            () => new DepositIntent(DepositIntent.IdFor(appointmentId), tenantId, appointmentId, amount, DepositIntent.AwaitingPayment),
            d => d, ct)).Value!;
        if (deposit.PaymentId is { } known)
        {
            return (deposit, await payments.ReadPaymentAsync(known, ct));
        }

        if (deposit.Status != DepositIntent.AwaitingPayment || await book.GetAsync(tenantId, appointmentId, ct) is not { } found)
        {
            return (deposit, null);
        }

        var appointment = found.Body;
        var payment = await payments.CreatePaymentAsync(new PaymentRequest(
            IdempotencyKey: $"deposit:{tenantId}:{appointmentId}",
            TenantId: tenantId,
            Purpose: PaymentPurpose.Deposit,
            ReferenceId: appointmentId,
            Amount: amount,
            CustomerId: await customers.ForPatientAsync(tenantId, appointment.PatientId, ct),
            CaptureLater: appointment.StartTime - clock.GetUtcNow() < AuthoriseOnlyWithin,
            SaveCard: true,
            Description: $"Deposit: {appointment.ServiceName}"), ct);

        deposit = (await deposits.ChangeAsync(tenantId, appointmentId, () => deposit, d => d with { PaymentId = d.PaymentId ?? payment.Id }, ct)).Value!;
        if (deposit.Status != DepositIntent.AwaitingPayment)
        {
            // Closed while the payment was being made: it must never be paid.
            await payments.CancelPaymentAsync(payment.Id, $"deposit-cancel:{tenantId}:{appointmentId}", ct);
        }

        return (deposit, payment);
    }
}
