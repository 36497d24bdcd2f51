using MedSpa.Core.Payments;
using MedSpa.Core.Scheduling;

namespace MedSpa.Core.GiftCards;

/// <param name="Amount">Minor units of the clinic's currency.</param>
/// <param name="DeliverOn">The buyer's wall-clock date and time to send it ("2026-12-02T09:00"), or null to send it as soon as it is paid.</param>
/// <param name="TimeZone">The buyer's IANA zone, in which <paramref name="DeliverOn"/> is read.</param>
public sealed record GiftCardPurchaseInput(long Amount, string Currency, string RecipientName, string RecipientEmail, string? Message, string? DeliverOn, string TimeZone, string Key);

/// <summary>
/// A patient buys a gift card online for someone: the purchase is recorded, and Stripe is asked for a payment the buyer
/// confirms in the browser. The payment's webhook issues the card (<see cref="CompleteGiftCardPurchase"/>) and a durable
/// timer sends it at the chosen time. Keyed: the same key answers the same purchase and payment.
/// </summary>
public sealed class BuyGiftCardOnline(GiftCardPurchaseStore purchases, ClinicSetupStore setup, PaymentCustomers customers, IPaymentGateway payments, TimeProvider clock)
{
    public const long Smallest = 1_000;
    public const long Largest = 200_000;
    public static readonly TimeSpan Furthest = TimeSpan.FromDays(366);

    public async Task<Result<GiftCardCheckout>> StartAsync(Caller caller, GiftCardPurchaseInput input, CancellationToken ct = default)
    {
        if (caller.Role != Role.Patient || caller.PatientId is not { } patientId)
        {
            return new Error.Forbidden("Gift cards are bought online by patients signed in to the clinic's site; the desk sells them at checkout.");
        }

        var currency = (await setup.LoadAsync(caller.TenantId, ct)).Currency;
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (input.Amount is < Smallest or > Largest)
        {
            errors["amount"] = [$"From {new Money(Smallest, currency).ToDisplay()} to {new Money(Largest, currency).ToDisplay()}, in minor units."];
        }

        if (input.Currency != currency)
        {
            errors["currency"] = [$"This clinic sells gift cards in {currency}."];
        }

        if (string.IsNullOrWhiteSpace(input.RecipientName) || input.RecipientName.Length > 100 || input.RecipientName.Any(char.IsControl))
        {
            errors["recipientName"] = ["Who it is for: up to 100 characters."];
        }

        if (string.IsNullOrWhiteSpace(input.RecipientEmail) || input.RecipientEmail.Length > 254 || input.RecipientEmail.Any(char.IsControl)
            || !System.Net.Mail.MailAddress.TryCreate(input.RecipientEmail.Trim(), out var address) || address.Address != input.RecipientEmail.Trim())
        {
            errors["recipientEmail"] = ["The email address to send it to."];
        }

        if (input.Message is { } message && (message.Length > 500 || message.Any(c => char.IsControl(c) && c != '\n')))
        {
            errors["message"] = ["Up to 500 characters (line breaks are fine)."];
        }

        var deliverAt = now;
        if (ClinicTime.TryFor(input.TimeZone) is not { } zone)
        {
            errors["timeZone"] = ["Your time zone, as an IANA name like America/New_York."];
        }
        else if (input.DeliverOn is { } local)
        {
            if (!DateTime.TryParseExact(local, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
            {
                errors["deliverOn"] = ["A date and time like 2026-12-24T09:00."];
            }
            else if (zone.ToInstant(DateOnly.FromDateTime(wallClock), TimeOnly.FromDateTime(wallClock)) is not { } instant)
            {
                errors["deliverOn"] = ["That time does not happen on that day (the clocks go forward): choose another."];
            }
            else if (instant < now.AddMinutes(-5) || instant > now + Furthest)
            {
                errors["deliverOn"] = ["From now to a year ahead."];
            }
            else
            {
                deliverAt = instant < now ? now : instant;
            }
        }

        if (!IdempotencyKeys.IsValid(input.Key))
        {
            errors["idempotencyKey"] = IdempotencyKeys.Message;
        }

        if (errors.Count > 0)
        {
            return new Error.Invalid(errors);
        }

        var purchase = (await purchases.AddAsync(new GiftCardPurchase
        {
            Id = GiftCardPurchase.IdFor(caller.TenantId, patientId, input.Key),
            TenantId = caller.TenantId,
            BuyerPatientId = patientId,
            BuyerName = caller.DisplayName,
            Amount = new Money(input.Amount, currency),
            RecipientName = input.RecipientName.Trim(),
            RecipientEmail = input.RecipientEmail.Trim(),
            Message = string.IsNullOrWhiteSpace(input.Message) ? null : input.Message.Trim(),
            DeliverAt = deliverAt,
            TimeZone = input.TimeZone,
            CreatedAt = now,
        }, ct)).Body;
        if (purchase.Status != GiftCardPurchaseStatus.AwaitingPayment)
        {
            return new Error.Conflict($"This gift card for {purchase.RecipientName} is paid for already.");
        }

        var customer = await customers.ForPatientAsync(caller.TenantId, patientId, ct);
        var payment = await payments.CreatePaymentAsync(new PaymentRequest(
            $"gift-purchase:{caller.TenantId}:{purchase.Id}", caller.TenantId, PaymentPurpose.GiftCard, purchase.Id, purchase.Amount, customer,
            CaptureLater: false, SaveCard: false, $"Gift card for {purchase.RecipientName}"), ct);
        if (payment.Status == ProviderPaymentStatus.Canceled || payment.ClientSecret is not { } secret)
        {
            return new Error.Conflict("This purchase can no longer be paid. Start again.");
        }

        await purchases.ChangeAsync(caller.TenantId, purchase.Id, p => p.PaymentId is null ? p with { PaymentId = payment.Id } : p, ct);
        return new GiftCardCheckout(purchase with { PaymentId = payment.Id }, payment.Id, secret, payments.ClientSettings);
    }
}
