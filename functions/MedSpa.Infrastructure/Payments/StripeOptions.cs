namespace MedSpa.Infrastructure.Payments;

/// <summary>
/// The Stripe account (<c>Stripe:SecretKey</c>, <c>Stripe:PublishableKey</c>, <c>Stripe:WebhookSecret</c>). Without a secret
/// key the local run uses its Stripe fake (<c>ApiBase</c> set to the fake's address): test payments, clearly labelled.
/// </summary>
public sealed class StripeOptions
{
    public string SecretKey { get; set; } = "";

    public string PublishableKey { get; set; } = "";

    public string WebhookSecret { get; set; } = "";

    /// <summary>Null for Stripe itself; the fake's address otherwise (the server's calls and the browser's go there).</summary>
    public string? ApiBase { get; set; }

    /// <summary>How old a webhook's signature may be (Stripe.net's default, 300 s, as Stripe recommends).</summary>
    public long WebhookToleranceSeconds { get; set; } = 300;
}
