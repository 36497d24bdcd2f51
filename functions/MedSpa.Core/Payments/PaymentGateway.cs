namespace MedSpa.Core.Payments;

/// <summary>
/// A request to collect a deposit, identified by an idempotency key so a retried activity never charges twice. It is
/// one state machine: awaiting payment → succeeded, declined or voided; succeeded → refunded. Declined, voided and
/// refunded are final: once an outcome is final no other outcome is accepted for it, so a good card sent after a
/// declined one (whose booking the saga is releasing) is refused rather than charged, and money taken for a booking
/// that no longer exists is refunded when the hold is closed.
/// </summary>
public sealed record DepositIntent(string Id, string TenantId, string AppointmentId, Money Amount, string Status, string? FailureReason = null)
{
    public const string AwaitingPayment = "awaiting-payment";
    public const string Succeeded = "succeeded";
    public const string Declined = "declined";
    public const string Voided = "voided";
    public const string Refunded = "refunded";

    public string Kind => "deposit-intent";

    /// <summary>The outcome of one card payment, or why no payment can be taken any more.</summary>
    public Result<DepositIntent> Settle(bool declined, string? declineReason) => Status switch
    {
        AwaitingPayment => this with { Status = declined ? Declined : Succeeded, FailureReason = declined ? declineReason : null },
        Succeeded => this,
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

/// <summary>Card details as typed on the deposit form; never stored.</summary>
public sealed record CardDetails(string? CardNumber, string? Expiry, string? Cvc);

/// <summary>What the payment provider reports back, as its webhook would.</summary>
public sealed record DepositSettled(string AppointmentId, bool Succeeded, string? Reason);

/// <summary>
/// The payments port. Until the Stripe adapter arrives, a clearly labelled simulated gateway implements it:
/// test card numbers succeed or decline, and the outcome reaches the booking saga as an event, as a webhook would.
/// </summary>
public interface IPaymentGateway
{
    string Kind { get; }

    /// <summary>Creates (or returns, for the same appointment) the deposit intent. Idempotent.</summary>
    Task<DepositIntent> RequestDepositAsync(string tenantId, string appointmentId, Money amount, CancellationToken ct = default);

    /// <summary>Pays the appointment's deposit intent with a card; the result is what the provider's webhook would carry.</summary>
    Task<Result<DepositSettled>> PayAsync(string tenantId, string appointmentId, CardDetails card, CancellationToken ct = default);

    /// <summary>
    /// The hold ended without a booking: void an unpaid deposit, refund a paid one. Idempotent. A deposit not yet
    /// requested is recorded as voided, so a request that arrives late (a retried activity) can never be paid.
    /// </summary>
    Task<DepositClosed> CloseDepositAsync(string tenantId, string appointmentId, Money amount, CancellationToken ct = default);
}
