using MedSpa.Core.Notifications;

namespace MedSpa.Core.Payments;

/// <summary>
/// A card holder disputed a payment: every admin of the clinic is told which payment, how much, why and by when Stripe
/// needs the clinic's evidence (the response itself is made in Stripe's dashboard). Told once per dispute and admin.
/// </summary>
public sealed class NoteDisputedPayment(IPaymentGateway payments, ClinicSetupStore setup, StaffNoticeStore notices, TimeProvider clock)
{
    public async Task ApplyAsync(string tenantId, string paymentId, string disputeId, CancellationToken ct = default)
    {
        if (await payments.ReadPaymentAsync(paymentId, ct) is not { } payment || payment.TenantId != tenantId)
        {
            return;
        }

        var what = payment.Purpose switch
        {
            PaymentPurpose.Invoice => $"the card payment on invoice {payment.ReferenceId}",
            PaymentPurpose.Deposit => $"the deposit for appointment {payment.ReferenceId}",
            PaymentPurpose.GiftCard => "a gift card bought online",
            _ => "a card payment",
        };
        foreach (var admin in (await setup.LoadAsync(tenantId, ct)).Staff.Where(s => s.Role == StaffRole.Admin && !s.Deleted))
        {
            await notices.RecordAsync(new StaffNotice(
                $"{disputeId}:{admin.Id}",
                tenantId,
                admin.Id,
                $"A card payment of {payment.Received.ToDisplay()} is disputed",
                $"The card holder disputed {what} (Stripe payment {paymentId}, dispute {disputeId}). Send Stripe your evidence from its dashboard within 7 days, or the money goes back to the card.",
                null,
                clock.GetUtcNow()), ct);
        }
    }
}
