using MedSpa.Core.Payments;

namespace MedSpa.Core.GiftCards;

/// <summary>
/// A gift card purchase's payment went through (read fresh from Stripe, so repeated or late events agree): the card is
/// issued once, under the purchase's id, with a code kept on the purchase until the gift email carries it, and its
/// delivery is scheduled (<see cref="GiftCardPurchased"/>).
/// </summary>
public sealed class CompleteGiftCardPurchase(GiftCardPurchaseStore purchases, IssueGiftCard issue, IPaymentGateway payments, DomainEventQueue events)
{
    public async Task CompleteAsync(string tenantId, string paymentId, CancellationToken ct = default)
    {
        if (await payments.ReadPaymentAsync(paymentId, ct) is not { Purpose: PaymentPurpose.GiftCard, ReferenceId: { } purchaseId, Status: ProviderPaymentStatus.Succeeded } payment
            || payment.TenantId != tenantId
            || await purchases.GetAsync(tenantId, purchaseId, ct) is not { } found
            || found.Body.PaymentId != paymentId
            || found.Body.Status == GiftCardPurchaseStatus.Delivered)
        {
            return;
        }

        // The code is chosen once and written down before the card is issued with it: a retry issues the same card.
        var purchase = await purchases.ChangeAsync(tenantId, purchaseId, p => p.PendingCode is null && p.IssuedCardId is null ? p with { PendingCode = GiftCardCode.New() } : p, ct);
        if (purchase.PendingCode is { } code)
        {
            var issued = await issue.IssueAsync(tenantId, $"online:{purchase.BuyerName}", new NewGiftCard(
                purchase.Amount.Amount, 0, purchase.Amount.Currency, purchase.RecipientName, purchase.RecipientEmail, purchase.Message, null, purchase.Id), code, ct);
            if (!issued.IsSuccess)
            {
                throw new InvalidOperationException($"The paid gift card purchase {purchaseId} could not be issued: {issued.Error.Detail}");
            }

            purchase = await purchases.ChangeAsync(tenantId, purchaseId, p => p.Status == GiftCardPurchaseStatus.AwaitingPayment
                ? p with { Status = GiftCardPurchaseStatus.Scheduled, IssuedCardId = issued.Value.Card.Id }
                : p, ct);
        }

        // Raised again on a repeated event: the delivery's instance id makes a second start a no-op.
        events.Raise(new GiftCardPurchased(tenantId, purchaseId, purchase.DeliverAt));
    }
}
