using MedSpa.Core.Notifications;

namespace MedSpa.Core.GiftCards;

/// <summary>
/// Sends a purchased gift card at its time: the email (with the code and the buyer's message) goes into the outbox under
/// the purchase's id, so a retried delivery writes it once; then the purchase forgets the code.
/// </summary>
public sealed class DeliverGiftCard(GiftCardPurchaseStore purchases, EmailOutbox outbox, ClinicStore clinics, TimeProvider clock)
{
    public static string EmailIdFor(string purchaseId) => $"{purchaseId}:gift-email";

    public async Task<bool> DeliverAsync(string tenantId, string purchaseId, CancellationToken ct = default)
    {
        if (await purchases.GetAsync(tenantId, purchaseId, ct) is not { Body: { Status: GiftCardPurchaseStatus.Scheduled } purchase })
        {
            return false; // delivered already, or never paid
        }

        if (purchase.PendingCode is { } code)
        {
            var clinic = (await clinics.FindAsync(tenantId, ct))?.Name ?? "the clinic";
            var message = purchase.Message is null ? "" : $"\n\n“{purchase.Message}”\n— {purchase.BuyerName}";
            await outbox.RecordAsync(new OutboundEmail(
                EmailIdFor(purchaseId),
                tenantId,
                purchase.RecipientEmail,
                purchase.RecipientName,
                $"{purchase.BuyerName} sent you a {purchase.Amount.ToDisplay()} gift card for {clinic}",
                $"Hello {purchase.RecipientName},\n\n{purchase.BuyerName} has given you a gift card worth {purchase.Amount.ToDisplay()} at {clinic}.{message}\n\n" +
                $"Your gift card code: {code}\nShow it at the desk, or quote it when you book. Keep it safe: anyone with the code can use it.",
                clock.GetUtcNow()), ct);
        }

        await purchases.ChangeAsync(tenantId, purchaseId, p => p.Status == GiftCardPurchaseStatus.Scheduled
            ? p with { Status = GiftCardPurchaseStatus.Delivered, PendingCode = null, DeliveredAt = clock.GetUtcNow() }
            : p, ct);
        return true;
    }
}
