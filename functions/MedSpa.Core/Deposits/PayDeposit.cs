using MedSpa.Core.Booking;
using MedSpa.Core.Payments;

namespace MedSpa.Core.Deposits;

/// <summary>What the patient's browser needs to pay a deposit with the provider directly: card details never reach us.</summary>
/// <param name="ClientSecret">The payment's client secret: handed to the patient's own browser only.</param>
public sealed record DepositCheckout(string AppointmentId, Money Amount, string PaymentId, string ClientSecret, PaymentClientSettings Provider);

/// <summary>
/// A patient opens the payment of their held booking's deposit. Only a booking that awaits a deposit takes one; the
/// provider's outcome then arrives by webhook, and the booking saga confirms or releases.
/// </summary>
public sealed class PayDeposit(AppointmentAccess access, RequestDeposit request, IPaymentGateway payments)
{
    public async Task<Result<DepositCheckout>> StartAsync(Booker booker, string appointmentId, CancellationToken ct = default)
    {
        var found = await access.GetAsync(booker, appointmentId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (found.Value.Body is not { Status: AppointmentStatus.PendingDeposit, DepositAmount: { } deposit })
        {
            return new Error.Conflict($"This appointment is {Appointment.Wire(found.Value.Body.Status)}; no deposit is awaited.");
        }

        // The saga asks for the deposit too; asking here (keyed by the appointment) means a patient who pays at once never races it.
        var (intent, payment) = await request.RequestAsync(booker.TenantId, appointmentId, deposit, ct);
        var refused = intent.Settle(declined: false, null);
        if (!refused.IsSuccess)
        {
            return refused.Error;
        }

        if (payment is not { ClientSecret: { } secret } || payment.Status is ProviderPaymentStatus.Canceled or ProviderPaymentStatus.Declined)
        {
            return new Error.Conflict("This booking is no longer held, so no deposit can be taken for it. Please book again.");
        }

        if (payment.HoldsMoney)
        {
            return new Error.Conflict("This deposit was paid already; your booking is being confirmed.");
        }

        return new DepositCheckout(appointmentId, deposit, payment.Id, secret, payments.ClientSettings);
    }
}
