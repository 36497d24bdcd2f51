using MedSpa.Core.Payments;

namespace MedSpa.Core.GiftCards;

public enum GiftCardPurchaseStatus
{
    /// <summary>Waiting for the buyer's card (Stripe).</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("awaiting-payment")]
    AwaitingPayment,

    /// <summary>Paid: the card exists and waits for its delivery time.</summary>
    Scheduled,

    /// <summary>The gift email is in the outbox; the code is no longer kept here.</summary>
    Delivered,
}

/// <summary>
/// A gift card bought online for someone: paid through Stripe, then emailed to them at the date and time the buyer chose
/// in the buyer's own zone (the instant is worked out once, when it is bought). The card is issued when the payment
/// arrives — the clinic owes its value from then — and its code is kept here only until the gift email holds it.
/// </summary>
public sealed record GiftCardPurchase
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string BuyerPatientId { get; init; }

    public required string BuyerName { get; init; }

    public required Money Amount { get; init; }

    public required string RecipientName { get; init; }

    public required string RecipientEmail { get; init; }

    public string? Message { get; init; }

    /// <summary>When to send it: an instant (UTC), from the buyer's wall-clock choice in <see cref="TimeZone"/>.</summary>
    public required DateTimeOffset DeliverAt { get; init; }

    public required string TimeZone { get; init; }

    public GiftCardPurchaseStatus Status { get; init; } = GiftCardPurchaseStatus.AwaitingPayment;

    public string? PaymentId { get; init; }

    public string? IssuedCardId { get; init; }

    /// <summary>The card's code between payment and delivery (so a retried delivery sends the same code); cleared once sent.</summary>
    public string? PendingCode { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public string Kind => "gift-card-purchase";

    /// <summary>The buyer's key, hashed: the same key is the same purchase.</summary>
    public static string IdFor(string tenantId, string patientId, string key) =>
        "gift-purchase-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{tenantId}\n{patientId}\n{key}")))[..24].ToLowerInvariant();
}

/// <summary>Paid for and issued: the delivery waits for its time (a durable timer).</summary>
public sealed record GiftCardPurchased(string TenantId, string PurchaseId, DateTimeOffset DeliverAt) : IDomainEvent;

/// <summary>What the buyer's page needs to pay, and when the gift will be sent.</summary>
public sealed record GiftCardCheckout(GiftCardPurchase Purchase, string PaymentId, string ClientSecret, PaymentClientSettings Provider);

public sealed class GiftCardPurchaseStore(IDocumentStore store)
{
    public async Task<Document<GiftCardPurchase>?> GetAsync(string tenantId, string id, CancellationToken ct = default) =>
        await store.ReadAsync<GiftCardPurchase>(Partitions.Payments, tenantId, id, ct);

    /// <summary>Creates the purchase, or returns the one the same key made first.</summary>
    public async Task<Document<GiftCardPurchase>> AddAsync(GiftCardPurchase purchase, CancellationToken ct = default)
    {
        await store.CreateOnceAsync(Partitions.Payments, purchase.TenantId, purchase.Id, purchase, ct);
        return (await GetAsync(purchase.TenantId, purchase.Id, ct))!;
    }

    /// <summary>Changes the purchase as it is now (re-read and decided again when someone else wrote it first).</summary>
    public async Task<GiftCardPurchase> ChangeAsync(string tenantId, string id, Func<GiftCardPurchase, GiftCardPurchase> change, CancellationToken ct = default) =>
        (await store.ChangeAsync(Partitions.Payments, tenantId, id, change, ct))!.Body;
}
