namespace MedSpa.Core.Payments;

/// <summary>
/// Our record of a booking's deposit and the provider payment that collects it. It is one state machine: awaiting
/// payment → succeeded, declined or voided; succeeded → refunded. Declined, voided and refunded are final: once an outcome
/// is final no other outcome is accepted for it, so a good card confirmed after a declined one (whose booking the saga is
/// releasing) is released rather than kept, and money taken for a booking that no longer exists goes back.
/// </summary>
/// <param name="PaymentId">The provider's payment (Stripe's PaymentIntent), once created.</param>
public sealed record DepositIntent(string Id, string TenantId, string AppointmentId, Money Amount, string Status, string? FailureReason = null, string? PaymentId = null)
{
    public const string AwaitingPayment = "awaiting-payment";
    public const string Succeeded = "succeeded";
    public const string Declined = "declined";
    public const string Voided = "voided";
    public const string Refunded = "refunded";

    public string Kind => "deposit-intent";

    public static string IdFor(string appointmentId) => $"deposit-{appointmentId}";

    /// <summary>The outcome of one card payment, or why no payment can be taken any more.</summary>
    public Result<DepositIntent> Settle(bool declined, string? declineReason) => Status switch
    {
        AwaitingPayment => this with { Status = declined ? Declined : Succeeded, FailureReason = declined ? declineReason : null },
        Succeeded when !declined => this,
        Succeeded => new Error.Conflict("This deposit was paid already."),
        Declined => new Error.Conflict("This deposit payment was declined and the booking is being released. Please book the time again."),
        _ => new Error.Conflict("This booking is no longer held, so no deposit can be taken for it. Please book again."),
    };

    /// <summary>The hold is over without a booking: nothing more may be paid, and what was paid goes back.</summary>
    public DepositIntent Close() => Status switch
    {
        AwaitingPayment => this with { Status = Voided },
        Succeeded => this with { Status = Refunded },
        _ => this,
    };
}

/// <summary>What closing a deposit did: nothing was paid (voided), or the payment was returned (refunded).</summary>
public sealed record DepositClosed(string Status, Money? Refunded);

/// <summary>The outcome the booking saga waits for: paid, or declined and why.</summary>
public sealed record DepositSettled(string AppointmentId, bool Succeeded, string? Reason);
