using MedSpa.Core.Deposits;

namespace MedSpa.Core.Payments;

/// <summary>A provider event we acted on, kept so that a repeated delivery is acknowledged without acting again.</summary>
public sealed record ProcessedPaymentEvent(string Id, string TenantId, string EventId, string Type, DateTimeOffset ProcessedAt)
{
    public string Kind => "payment-event";

    public static string IdFor(string eventId) => $"event-{eventId}";
}

/// <summary>
/// The provider's webhook: a signed event is checked, acted on once per event id, and answered at once. The work is
/// small and idempotent (it reads the payment fresh); what takes time (the booking's confirmation) goes to the saga.
/// </summary>
public sealed class RecordPaymentEvent(IDocumentStore store, IPaymentGateway payments, ApplyDepositPayment deposits, Billing.ApplyInvoicePayment invoices, GiftCards.CompleteGiftCardPurchase giftCards,
    Billing.RecordRefundsMadeInStripe refunds, NoteDisputedPayment disputes, TimeProvider clock)
{
    public const string Processed = "processed";
    public const string Duplicate = "duplicate";
    public const string Ignored = "ignored";

    public async Task<Result<string>> RecordAsync(string body, string? signatureHeader, CancellationToken ct = default)
    {
        var read = payments.ReadWebhook(body, signatureHeader);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var evt = read.Value;
        // A dispute carries none of our metadata: whose it is comes from the payment it names.
        var tenantId = evt.TenantId ?? (evt.PaymentId is { } about ? (await payments.ReadPaymentAsync(about, ct))?.TenantId : null);
        if (string.IsNullOrEmpty(tenantId))
        {
            return Ignored; // not one of ours (another integration on the same account)
        }

        var id = ProcessedPaymentEvent.IdFor(evt.Id);
        if (await store.ReadAsync<ProcessedPaymentEvent>(Partitions.Payments, tenantId, id, ct) is not null)
        {
            return Duplicate;
        }

        switch (evt.Type)
        {
            case "charge.refunded" when evt.PaymentId is { } refundedPayment:
                await refunds.ApplyAsync(tenantId, refundedPayment, ct);
                break;
            case "charge.dispute.created" when evt.PaymentId is { } disputedPayment:
                await disputes.ApplyAsync(tenantId, disputedPayment, evt.ObjectId, ct);
                break;

            // Cards on file and customers are read from Stripe whenever they are shown or used, never copied here, so a
            // card saved (setup_intent.succeeded) or removed (payment_method.detached) in Stripe, or a customer changed,
            // needs nothing from MedSpa beyond acknowledging the event.
            case "setup_intent.succeeded" or "payment_method.detached" or "customer.updated":
                break;
        }

        if (evt.Type.StartsWith("payment_intent.", StringComparison.Ordinal))
        {
            switch (evt.Metadata.GetValueOrDefault(PaymentMetadata.Purpose))
            {
                case PaymentPurpose.Deposit:
                    await deposits.ApplyAsync(tenantId, evt.ObjectId, ct);
                    break;
                case PaymentPurpose.Invoice:
                    await invoices.ApplyAsync(tenantId, evt.ObjectId, ct);
                    break;
                case PaymentPurpose.GiftCard:
                    await giftCards.CompleteAsync(tenantId, evt.ObjectId, ct);
                    break;
            }
        }

        // Recorded after the work, so a failure half-way is retried by the provider; the work is idempotent.
        try
        {
            await store.CreateAsync(Partitions.Payments, tenantId, id, new ProcessedPaymentEvent(id, tenantId, evt.Id, evt.Type, clock.GetUtcNow()), ct);
        }
        catch (DocumentConflictException)
        {
            return Duplicate;
        }

        return Processed;
    }
}
