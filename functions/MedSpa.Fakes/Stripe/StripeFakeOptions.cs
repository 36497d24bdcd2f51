namespace MedSpa.Fakes.Stripe;

/// <summary>The keys of the fake's one test account, and where it sends its webhooks.</summary>
public sealed class StripeFakeOptions
{
    /// <summary>What the server sends as its bearer token; any other key is refused with 401, as Stripe does.</summary>
    public string SecretKey { get; set; } = "sk_test_medspa_local_fake";

    /// <summary>What the browser may use: creating a card and confirming an intent with its client secret, nothing else.</summary>
    public string PublishableKey { get; set; } = "pk_test_medspa_local_fake";

    /// <summary>The endpoint's signing secret: the HMAC-SHA256 key of every Stripe-Signature header.</summary>
    public string WebhookSecret { get; set; } = "whsec_medspa_local_fake";

    /// <summary>The app's webhook endpoint; null sends nothing (events are still recorded).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The port of the local run's fake (12111, stripe-mock's); tests use an in-memory server instead.</summary>
    public int Port { get; set; } = 12111;
}
