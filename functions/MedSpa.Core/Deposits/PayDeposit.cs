using MedSpa.Core.Booking;
using MedSpa.Core.Payments;

namespace MedSpa.Core.Deposits;

/// <summary>
/// A patient pays the deposit of their held booking. Only a booking that awaits a deposit takes a payment; the outcome
/// (paid or declined) is what the booking saga then acts on.
/// </summary>
public sealed class PayDeposit(AppointmentAccess access, IPaymentGateway payments)
{
    public async Task<Result<DepositSettled>> PayAsync(Booker booker, string appointmentId, CardDetails card, CancellationToken ct = default)
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

        // The saga requests the deposit too; doing it here (idempotently) means a patient who pays at once never races it.
        await payments.RequestDepositAsync(booker.TenantId, appointmentId, deposit, ct);
        return await payments.PayAsync(booker.TenantId, appointmentId, card, ct);
    }
}
