using MedSpa.Core.Common;

namespace MedSpa.Core.Payments;

/// <summary>A request to collect a deposit, identified by an idempotency key so a retried activity never charges twice.</summary>
public sealed record DepositIntent(string Id, string TenantId, string AppointmentId, Money Amount, string Status, string? FailureReason = null)
{
    public const string AwaitingPayment = "awaiting-payment";
    public const string Succeeded = "succeeded";
    public const string Declined = "declined";

    public string Kind => "deposit-intent";
}

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
}
