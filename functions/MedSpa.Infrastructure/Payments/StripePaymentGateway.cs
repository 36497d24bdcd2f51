using System.Net;
using MedSpa.Core.Common;
using MedSpa.Core.Payments;
using Stripe;

namespace MedSpa.Infrastructure.Payments;

/// <summary>
/// Payments through Stripe with Stripe.net: customers, PaymentIntents (authorise-then-capture or charge now), cancels,
/// captures and refunds, each create keyed by our own ids (a retry gets Stripe's first answer), and webhooks read with
/// <see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>. Against Stripe or, locally and in
/// tests, against the Stripe fake (same wire format; <see cref="StripeOptions.ApiBase"/>).
/// </summary>
public sealed class StripePaymentGateway(IStripeClient client, StripeOptions options, TimeProvider clock) : IPaymentGateway
{
    private readonly CustomerService _customers = new(client);
    private readonly PaymentIntentService _intents = new(client);
    private readonly RefundService _refunds = new(client);
    private readonly SetupIntentService _setups = new(client);
    private readonly PaymentMethodService _methods = new(client);
    private readonly CustomerPaymentMethodService _customerMethods = new(client);

    public string Kind => options.ApiBase is null ? "stripe" : "stripe-test";

    public PaymentClientSettings ClientSettings => new("stripe", options.PublishableKey, options.ApiBase);

    public async Task<string> CustomerAsync(PaymentCustomer customer, CancellationToken ct = default)
    {
        var created = await _customers.CreateAsync(new CustomerCreateOptions
        {
            Name = customer.Name,
            Email = customer.Email,
            Metadata = new Dictionary<string, string> { [PaymentMetadata.TenantId] = customer.TenantId, [PaymentMetadata.PatientId] = customer.PatientId },
        }, Keyed($"customer:{customer.TenantId}:{customer.PatientId}"), ct);
        return created.Id;
    }

    public async Task<ProviderPayment> CreatePaymentAsync(PaymentRequest request, CancellationToken ct = default)
    {
        var intent = await _intents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = request.Amount.Amount,
            Currency = request.Amount.Currency.ToLowerInvariant(),
            Customer = request.CustomerId,
            CaptureMethod = request.CaptureLater ? "manual" : "automatic",
            SetupFutureUsage = request.SaveCard && request.CustomerId is not null ? "off_session" : null,
            Description = request.Description,
            Metadata = new Dictionary<string, string>
            {
                [PaymentMetadata.TenantId] = request.TenantId,
                [PaymentMetadata.Purpose] = request.Purpose,
                [PaymentMetadata.ReferenceId] = request.ReferenceId,
            },
        }, Keyed(request.IdempotencyKey), ct);
        return Map(intent);
    }

    public async Task<ProviderPayment> ChargeSavedCardAsync(PaymentRequest request, string paymentMethodId, IReadOnlyDictionary<string, string> evidence, CancellationToken ct = default)
    {
        var metadata = new Dictionary<string, string>(evidence)
        {
            [PaymentMetadata.TenantId] = request.TenantId,
            [PaymentMetadata.Purpose] = request.Purpose,
            [PaymentMetadata.ReferenceId] = request.ReferenceId,
        };
        try
        {
            return Map(await _intents.CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = request.Amount.Amount,
                Currency = request.Amount.Currency.ToLowerInvariant(),
                Customer = request.CustomerId,
                PaymentMethod = paymentMethodId,
                Confirm = true,
                OffSession = true,
                Description = request.Description,
                Metadata = metadata,
            }, Keyed(request.IdempotencyKey), ct));
        }
        catch (StripeException e) when (e.StripeError?.PaymentIntent is { } declined)
        {
            // Stripe answers a declined (or authentication-needing) off-session charge with an error that carries the intent.
            return Map(declined);
        }
    }

    public async Task<ProviderPayment?> ReadPaymentAsync(string paymentId, CancellationToken ct = default)
    {
        try
        {
            return Map(await _intents.GetAsync(paymentId, cancellationToken: ct));
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<ProviderPayment> CancelPaymentAsync(string paymentId, string idempotencyKey, CancellationToken ct = default)
    {
        try
        {
            return Map(await _intents.CancelAsync(paymentId, new PaymentIntentCancelOptions { CancellationReason = "abandoned" }, Keyed(idempotencyKey), ct));
        }
        catch (StripeException e) when (e.StripeError?.Code == "payment_intent_unexpected_state")
        {
            return Map(await _intents.GetAsync(paymentId, cancellationToken: ct)); // cancelled or captured already: as it is
        }
    }

    public async Task<ProviderPayment> CapturePaymentAsync(string paymentId, Money? amount, string idempotencyKey, CancellationToken ct = default)
    {
        try
        {
            return Map(await _intents.CaptureAsync(paymentId, new PaymentIntentCaptureOptions { AmountToCapture = amount?.Amount }, Keyed(idempotencyKey), ct));
        }
        catch (StripeException e) when (e.StripeError?.Code == "payment_intent_unexpected_state")
        {
            return Map(await _intents.GetAsync(paymentId, cancellationToken: ct));
        }
    }

    public async Task<Money> RefundAsync(string paymentId, Money? amount, string idempotencyKey, CancellationToken ct = default)
    {
        var refund = await _refunds.CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paymentId,
            Amount = amount?.Amount,
            // Marks the refunds MedSpa makes (and records itself), so the webhook tells them from those made in Stripe's dashboard.
            Metadata = new Dictionary<string, string> { [PaymentMetadata.Source] = PaymentMetadata.MadeByMedSpa },
        }, Keyed(idempotencyKey), ct);
        return new Money(refund.Amount, refund.Currency.ToUpperInvariant());
    }

    public async Task<IReadOnlyList<ProviderRefund>> RefundsMadeElsewhereAsync(string paymentId, CancellationToken ct = default)
    {
        var refunds = await _refunds.ListAsync(new RefundListOptions { PaymentIntent = paymentId, Limit = 100 }, cancellationToken: ct);
        return [.. refunds.Data
            .Where(r => r.Status is "succeeded" or "pending" && r.Metadata?.GetValueOrDefault(PaymentMetadata.Source) != PaymentMetadata.MadeByMedSpa)
            .Select(r => new ProviderRefund(r.Id, new Money(r.Amount, r.Currency.ToUpperInvariant())))];
    }

    public async Task<IReadOnlyList<SavedCard>> CardsAsync(string customerId, CancellationToken ct = default)
    {
        var cards = await _customerMethods.ListAsync(customerId, new CustomerPaymentMethodListOptions { Type = "card", Limit = 100 }, cancellationToken: ct);
        return [.. cards.Data.Where(m => m.Card is not null).Select(m => new SavedCard(m.Id, m.Card.Brand, m.Card.Last4, (int)m.Card.ExpMonth, (int)m.Card.ExpYear))];
    }

    public async Task<string> StartSavingCardAsync(string tenantId, string customerId, string idempotencyKey, CancellationToken ct = default)
    {
        var setup = await _setups.CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customerId,
            Usage = "off_session",
            Metadata = new Dictionary<string, string> { [PaymentMetadata.TenantId] = tenantId, [PaymentMetadata.Purpose] = "card-on-file" },
        }, Keyed(idempotencyKey), ct);
        return setup.ClientSecret;
    }

    public async Task<(SavedCard Card, string? TenantId, string? PatientId)?> FindCardAsync(string paymentMethodId, CancellationToken ct = default)
    {
        if (!paymentMethodId.StartsWith("pm_", StringComparison.Ordinal) || paymentMethodId.Length > 255)
        {
            return null;
        }

        try
        {
            var method = await _methods.GetAsync(paymentMethodId, cancellationToken: ct);
            if (method.Card is null || method.CustomerId is null)
            {
                return null;
            }

            var customer = await _customers.GetAsync(method.CustomerId, cancellationToken: ct);
            var card = new SavedCard(method.Id, method.Card.Brand, method.Card.Last4, (int)method.Card.ExpMonth, (int)method.Card.ExpYear);
            return (card, customer.Metadata.GetValueOrDefault(PaymentMetadata.TenantId), customer.Metadata.GetValueOrDefault(PaymentMetadata.PatientId));
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task RemoveCardAsync(string paymentMethodId, CancellationToken ct = default)
    {
        try
        {
            await _methods.DetachAsync(paymentMethodId, cancellationToken: ct);
        }
        catch (StripeException e) when (e.StripeError?.Code == "payment_method_unexpected_state")
        {
            // Removed already: nothing to do.
        }
    }

    public Result<PaymentEvent> ReadWebhook(string body, string? signatureHeader)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return Refused("The Stripe-Signature header is missing.");
        }

        Event evt;
        try
        {
            // The event's own API version may differ from the SDK's (the endpoint's version decides it); we read ids only.
            evt = EventUtility.ConstructEvent(body, signatureHeader, options.WebhookSecret, options.WebhookToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            return Refused(e.Message);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return Refused("The event is not Stripe's JSON.");
        }

        if (evt.Data?.Object is not IHasId subject)
        {
            return Refused("The event names no object.");
        }

        var metadata = (subject as IHasMetadata)?.Metadata ?? new Dictionary<string, string>();
        // The PaymentIntent the event is about: a charge, a refund or a dispute names it (a dispute carries no metadata of ours).
        var paymentId = subject switch
        {
            PaymentIntent intent => intent.Id,
            Charge charge => charge.PaymentIntentId,
            Refund refund => refund.PaymentIntentId,
            Dispute dispute => dispute.PaymentIntentId,
            _ => null,
        };
        return new PaymentEvent(evt.Id, evt.Type, subject.Id, new Dictionary<string, string>(metadata), paymentId);
    }

    private static Error.Invalid Refused(string why) =>
        new(new Dictionary<string, string[]> { ["Stripe-Signature"] = [why] }, "This webhook is not a genuine, recent Stripe event.");

    private static RequestOptions Keyed(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    private static ProviderPayment Map(PaymentIntent intent)
    {
        var status = intent.Status switch
        {
            "requires_payment_method" when intent.LastPaymentError is not null => ProviderPaymentStatus.Declined,
            "requires_payment_method" or "requires_confirmation" => ProviderPaymentStatus.AwaitingPaymentMethod,
            "requires_action" => ProviderPaymentStatus.AwaitingAuthentication,
            "processing" => ProviderPaymentStatus.Processing,
            "requires_capture" => ProviderPaymentStatus.Authorised,
            "succeeded" => ProviderPaymentStatus.Succeeded,
            "canceled" => ProviderPaymentStatus.Canceled,
            var other => throw new InvalidOperationException($"Stripe returned a PaymentIntent status MedSpa does not know: {other}."),
        };
        var currency = intent.Currency.ToUpperInvariant();
        return new ProviderPayment(intent.Id, status, new Money(intent.Amount, currency), new Money(intent.AmountReceived, currency),
            intent.ClientSecret, intent.LastPaymentError?.Message, new Dictionary<string, string>(intent.Metadata ?? []));
    }
}
