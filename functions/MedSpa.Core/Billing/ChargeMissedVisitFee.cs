using MedSpa.Core.Booking;
using MedSpa.Core.Payments;

namespace MedSpa.Core.Billing;

/// <summary>
/// The desk charges the fee for a missed appointment — a no-show, or a cancellation with too little notice — to the
/// patient's card on file, with the patient not present (off-session). Only under the policy the patient accepted when
/// booking online, at the fee it named; the evidence (policy version, acceptance time, address) goes on the invoice and
/// into Stripe's metadata. One fee per appointment: its invoice is the appointment's. A declined card leaves the fee owed
/// on that invoice, which the patient can pay from My invoices.
/// </summary>
public sealed class ChargeMissedVisitFee(
    AppointmentStore book,
    OpenInvoice open,
    InvoiceAccess access,
    IssueInvoice issue,
    PaymentCustomers customers,
    IPaymentGateway payments,
    ApplyInvoicePayment apply,
    ClinicSetupStore setup,
    TimeProvider clock)
{
    public async Task<Result<InvoiceView>> ChargeAsync(Caller caller, string appointmentId, CancellationToken ct = default)
    {
        if (await book.GetAsync(caller.TenantId, appointmentId, ct) is not { Body: var appointment } || caller.Role is not (Role.Admin or Role.FrontDesk))
        {
            return new Error.NotFound("No such appointment.");
        }

        var (what, fee) = appointment switch
        {
            { Status: AppointmentStatus.NoShow } => ("No-show fee", appointment.FeePolicy?.NoShowFee ?? 0),
            { Status: AppointmentStatus.Cancelled, LateCancellation: true } => ("Late cancellation fee", appointment.FeePolicy?.LateCancellationFee ?? 0),
            _ => ((string?)null, 0L),
        };
        if (what is null)
        {
            return new Error.Conflict("Only a no-show or a cancellation with too little notice carries a fee.");
        }

        if (appointment.FeePolicy is not { } accepted)
        {
            return new Error.Conflict($"{appointment.PatientName} did not accept a fee policy when booking (the clinic booked it, or it was booked before the clinic charged fees), so no fee can be charged to their card.");
        }

        if (fee <= 0)
        {
            return new Error.Conflict($"The policy {appointment.PatientName} accepted charges no {what.ToLowerInvariant()}.");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var customerId = await customers.ForPatientAsync(caller.TenantId, appointment.PatientId, ct);
        var cards = await payments.CardsAsync(customerId, ct);
        if (cards.FirstOrDefault(c => !c.ExpiredOn(today)) is not { } card)
        {
            return new Error.Conflict(cards.Count > 0 && cards[0] is { } expired
                ? $"The card on file ({expired.Brand} ending {expired.Last4}) expired {expired.ExpiryMonth:D2}/{expired.ExpiryYear % 100:D2}. Ask {appointment.PatientName} to add a new card, or to pay the fee from My invoices."
                : $"{appointment.PatientName} has no card on file. Ask them to add one, or to pay the fee from My invoices.");
        }

        var evidence = $"Charged under the cancellation policy {accepted.Version} that {appointment.PatientName} accepted on "
            + $"{accepted.AcceptedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC from {accepted.IpAddress ?? "an unknown address"}.";
        var (document, _) = await open.ForMissedVisitAsync(appointment, caller.Email, new Money(fee, (await setup.LoadAsync(caller.TenantId, ct)).Currency),
            $"{what}: {appointment.ServiceName}, {appointment.LocalDate}", evidence, ct);
        var view = await access.ReadAsync(caller, document.Id, ct);
        if (!view.IsSuccess)
        {
            return view.Error;
        }

        if (view.Value.Invoice.Lines.All(l => l.Id != OpenInvoice.FeeLineId))
        {
            return new Error.Conflict($"{appointment.PatientName}'s appointment already has an invoice ({view.Value.Invoice.DisplayNumber}).");
        }

        if (view.Value.OwedNow <= 0 && view.Value.Invoice.Status != InvoiceStatus.Draft)
        {
            return view.Value; // charged before: the same answer
        }

        var issued = await issue.IssueAsync(caller, view.Value, ct);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        var invoice = issued.Value.Invoice;
        var payment = await payments.ChargeSavedCardAsync(
            // Keyed by the appointment and the card: a retry (or a second click) never charges twice, while a new card
            // after a decline is a new attempt rather than the declined one replayed.
            new PaymentRequest($"fee:{caller.TenantId}:{appointment.Id}:{card.Id}", caller.TenantId, PaymentPurpose.Invoice, invoice.Id,
                new Money(issued.Value.OwedNow, invoice.Currency), customerId, CaptureLater: false, SaveCard: false, $"{what} {invoice.DisplayNumber}"),
            card.Id,
            new Dictionary<string, string>
            {
                ["policy_version"] = accepted.Version,
                ["policy_accepted_at"] = accepted.AcceptedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                ["policy_accepted_ip"] = accepted.IpAddress ?? "",
                ["appointment_id"] = appointment.Id,
            },
            ct);
        if (payment.Status != ProviderPaymentStatus.Succeeded)
        {
            return new Error.Conflict($"The card ending {card.Last4} was not charged: {payment.FailureMessage ?? "the bank needs the patient to confirm it"}. "
                + $"The fee is owed on {invoice.DisplayNumber}; {appointment.PatientName} can pay it from My invoices.");
        }

        // Posted now (the webhook that follows finds it there), so the desk sees the fee paid at once.
        await apply.ApplyAsync(caller.TenantId, payment.Id, ct);
        return await access.ReadAsync(caller, invoice.Id, ct);
    }
}
