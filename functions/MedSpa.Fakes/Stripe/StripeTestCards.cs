namespace MedSpa.Fakes.Stripe;

/// <summary>How a card behaves when charged, as Stripe's documented test cards do.</summary>
public enum CardBehaviour
{
    Succeeds,
    Declined,
    InsufficientFunds,

    /// <summary>Asks for 3-D Secure on a payment made with the patient present; saved and used later, it goes through.</summary>
    AuthenticatesOnSession,

    /// <summary>Asks for 3-D Secure every time, so an off-session charge fails with <c>authentication_required</c>.</summary>
    AlwaysAuthenticates,

    /// <summary>Saves to a customer (a SetupIntent succeeds) but every charge is declined, as Stripe's 0341 card does.</summary>
    DeclinesAfterAttaching,

    /// <summary>Goes through, then its holder disputes it (<c>charge.dispute.created</c>), as Stripe's 0259 card does.</summary>
    Disputed,
}

/// <summary>Stripe's test card numbers and test PaymentMethod ids (docs.stripe.com/testing), the ones MedSpa's tests use.</summary>
public static class StripeTestCards
{
    public const string Visa = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string ThreeDSecure = "4000002500003155";
    public const string ThreeDSecureAlways = "4000002760003184";
    public const string Disputed = "4000000000000259";
    public const string DeclinesAfterAttaching = "4000000000000341";

    public static CardBehaviour BehaviourOf(string number) => number switch
    {
        Declined => CardBehaviour.Declined,
        InsufficientFunds => CardBehaviour.InsufficientFunds,
        ThreeDSecure => CardBehaviour.AuthenticatesOnSession,
        ThreeDSecureAlways => CardBehaviour.AlwaysAuthenticates,
        Disputed => CardBehaviour.Disputed,
        DeclinesAfterAttaching => CardBehaviour.DeclinesAfterAttaching,
        _ => CardBehaviour.Succeeds,
    };

    /// <summary>Stripe's test PaymentMethod ids, usable server-side without card numbers: each use makes a new card.</summary>
    public static string? NumberOfTestPaymentMethod(string id) => id switch
    {
        "pm_card_visa" => Visa,
        "pm_card_chargeDeclined" => Declined,
        "pm_card_chargeDeclinedInsufficientFunds" => InsufficientFunds,
        "pm_card_threeDSecure2Required" => ThreeDSecure,
        "pm_card_authenticationRequired" => ThreeDSecureAlways,
        "pm_card_createDispute" => Disputed,
        "pm_card_chargeCustomerFail" => DeclinesAfterAttaching,
        _ => null,
    };

    public static string BrandOf(string number) => number[0] switch
    {
        '4' => "visa",
        '5' or '2' => "mastercard",
        '3' => "amex",
        '6' => "discover",
        _ => "unknown",
    };

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
