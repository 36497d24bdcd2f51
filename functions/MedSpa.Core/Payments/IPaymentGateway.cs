namespace MedSpa.Core.Payments;

/// <summary>
/// The card payments port (Stripe). Every create carries an idempotency key derived from our own ids, so a retried
/// activity or request gets the provider's first answer instead of a second charge. Amounts are <see cref="Money"/>.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>"stripe", or "stripe-test" when the local fake stands in for it (shown as "test payments").</summary>
    string Kind { get; }

    /// <summary>What the browser needs to confirm a payment itself (Stripe.js, or the fake's test-card form).</summary>
    PaymentClientSettings ClientSettings { get; }

    /// <summary>The provider's customer for a patient, created once (the key is the patient's id).</summary>
    Task<string> CustomerAsync(PaymentCustomer customer, CancellationToken ct = default);

    /// <summary>Creates (or, for the same key, returns) a payment the patient confirms in the browser.</summary>
    Task<ProviderPayment> CreatePaymentAsync(PaymentRequest request, CancellationToken ct = default);

    /// <summary>
    /// Charges a saved card with the patient not present (off-session, confirmed at once: a no-show fee). The answer says
    /// how it went — succeeded, declined, or needing the patient's bank (which off-session cannot do) — never throws for a decline.
    /// </summary>
    /// <param name="evidence">Kept in the payment's metadata: what the charge rests on (the policy accepted, when, from where).</param>
    Task<ProviderPayment> ChargeSavedCardAsync(PaymentRequest request, string paymentMethodId, IReadOnlyDictionary<string, string> evidence, CancellationToken ct = default);

    /// <summary>The payment as the provider has it now, or null when it does not know it.</summary>
    Task<ProviderPayment?> ReadPaymentAsync(string paymentId, CancellationToken ct = default);

    /// <summary>Releases an uncaptured or unpaid payment. Idempotent: a payment already cancelled is returned as it is.</summary>
    Task<ProviderPayment> CancelPaymentAsync(string paymentId, string idempotencyKey, CancellationToken ct = default);

    /// <summary>Takes (part of) an authorised payment. A payment already captured is returned as it is.</summary>
    Task<ProviderPayment> CapturePaymentAsync(string paymentId, Money? amount, string idempotencyKey, CancellationToken ct = default);

    /// <summary>Returns money to the card a payment came from (all that is left when <paramref name="amount"/> is null).</summary>
    Task<Money> RefundAsync(string paymentId, Money? amount, string idempotencyKey, CancellationToken ct = default);

    /// <summary>Refunds of a payment made outside MedSpa (in Stripe's dashboard): MedSpa records its own as it makes them.</summary>
    Task<IReadOnlyList<ProviderRefund>> RefundsMadeElsewhereAsync(string paymentId, CancellationToken ct = default);

    /// <summary>The customer's saved cards, newest first.</summary>
    Task<IReadOnlyList<SavedCard>> CardsAsync(string customerId, CancellationToken ct = default);

    /// <summary>Starts saving a card for later (a SetupIntent for off-session use): its client secret, for the patient's browser.</summary>
    Task<string> StartSavingCardAsync(string tenantId, string customerId, string idempotencyKey, CancellationToken ct = default);

    /// <summary>A saved card and whose it is (the clinic and patient on its customer), or null when there is none.</summary>
    Task<(SavedCard Card, string? TenantId, string? PatientId)?> FindCardAsync(string paymentMethodId, CancellationToken ct = default);

    /// <summary>Removes a saved card from its customer.</summary>
    Task RemoveCardAsync(string paymentMethodId, CancellationToken ct = default);

    /// <summary>A webhook's event, once its signature (and its age) checked out; an <see cref="Error.Invalid"/> otherwise.</summary>
    Result<PaymentEvent> ReadWebhook(string body, string? signatureHeader);
}

/// <summary>The publishable key and, for the local fake, the address Stripe.js's calls go to instead of Stripe's.</summary>
public sealed record PaymentClientSettings(string Provider, string PublishableKey, string? TestApiBase)
{
    public bool IsTest => TestApiBase is not null;
}

public sealed record PaymentCustomer(string TenantId, string PatientId, string? Name, string? Email);

/// <summary>What a payment is for, in the provider's metadata, so that a webhook finds its way back.</summary>
public static class PaymentPurpose
{
    public const string Deposit = "deposit";
    public const string Invoice = "invoice";
    public const string GiftCard = "gift-card";
}

/// <param name="CaptureLater">Authorise now, take the money later (Stripe holds it up to 7 days).</param>
/// <param name="SaveCard">Keep the card on the customer for later charges without the patient (no-show fees).</param>
public sealed record PaymentRequest(
    string IdempotencyKey,
    string TenantId,
    string Purpose,
    string ReferenceId,
    Money Amount,
    string? CustomerId,
    bool CaptureLater,
    bool SaveCard,
    string Description);

public enum ProviderPaymentStatus
{
    AwaitingPaymentMethod,
    AwaitingAuthentication,
    Processing,
    Authorised,
    Succeeded,
    Declined,
    Canceled,
}

/// <param name="ClientSecret">For the patient's browser only: never stored, never logged.</param>
/// <param name="FailureMessage">The provider's words for the last decline, safe to show to the patient.</param>
public sealed record ProviderPayment(
    string Id,
    ProviderPaymentStatus Status,
    Money Amount,
    Money Received,
    string? ClientSecret,
    string? FailureMessage,
    IReadOnlyDictionary<string, string> Metadata)
{
    public string? TenantId => Metadata.GetValueOrDefault(PaymentMetadata.TenantId);

    public string? Purpose => Metadata.GetValueOrDefault(PaymentMetadata.Purpose);

    public string? ReferenceId => Metadata.GetValueOrDefault(PaymentMetadata.ReferenceId);

    public bool HoldsMoney => Status is ProviderPaymentStatus.Authorised or ProviderPaymentStatus.Succeeded;
}

/// <summary>The metadata keys every provider object of ours carries (ids only: never health data).</summary>
public static class PaymentMetadata
{
    public const string TenantId = "tenant_id";
    public const string Purpose = "purpose";
    public const string ReferenceId = "reference_id";
    public const string PatientId = "patient_id";

    /// <summary>On a refund: who made it (<see cref="MadeByMedSpa"/>, or absent for one made in Stripe's dashboard).</summary>
    public const string Source = "source";
    public const string MadeByMedSpa = "medspa";
}

public sealed record ProviderRefund(string Id, Money Amount);

/// <summary>A provider event: its id (processed once), its type, the id and metadata of the object it is about, and the payment it concerns.</summary>
public sealed record PaymentEvent(string Id, string Type, string ObjectId, IReadOnlyDictionary<string, string> Metadata, string? PaymentId = null)
{
    public string? TenantId => Metadata.GetValueOrDefault(PaymentMetadata.TenantId);
}

/// <summary>A card kept on a customer: never its number, only what identifies it to a person.</summary>
public sealed record SavedCard(string Id, string Brand, string Last4, int ExpiryMonth, int ExpiryYear)
{
    /// <summary>A card works through the last day of its expiry month.</summary>
    public bool ExpiredOn(DateOnly day) => new DateOnly(ExpiryYear, ExpiryMonth, 1).AddMonths(1) <= day;
}
