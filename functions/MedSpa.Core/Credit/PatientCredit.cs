namespace MedSpa.Core.Credit;

public enum CreditMovementType
{
    /// <summary>Credit given: goodwill by an admin, or a refund given as credit instead of money.</summary>
    Granted,

    /// <summary>Credit spent paying an invoice.</summary>
    Spent,

    /// <summary>Credit given back: a payment the invoice refused, or a refund of what credit paid.</summary>
    Returned,
}

/// <summary>
/// One movement of a patient's account credit, appended and never changed, numbered 1, 2, 3… per patient (each number
/// taken by creating its document, so two payments at once never spend the same credit). Amounts are signed minor
/// units: positive adds credit, negative spends it. The balance is their sum and never goes below zero.
/// </summary>
/// <param name="CreditAccountId">The patient's credit account (<see cref="AccountOf"/>): how a patient's movements are found.</param>
/// <param name="Key">What made it (a grant's, a payment's or a refund's key): the same key never moves credit twice.</param>
/// <param name="ForInvoice">The invoice it paid, or whose refund it is. (Not "InvoiceId": an invoice's ledger entries are found by that.)</param>
public sealed record CreditMovement(
    string Id,
    string TenantId,
    string CreditAccountId,
    int Sequence,
    CreditMovementType Type,
    long Amount,
    string Currency,
    string Key,
    string? ForInvoice,
    string Reason,
    DateTimeOffset At,
    string By)
{
    public string Kind => "credit-movement";

    public static string AccountOf(string patientId) => $"credit-{patientId}";

    public static string IdFor(string patientId, int sequence) => $"{AccountOf(patientId)}-m{sequence:D4}";
}

/// <summary>A patient's account credit: the balance and how it came to be, newest last.</summary>
public sealed record PatientCredit(string PatientId, string Currency, long Balance, IReadOnlyList<CreditMovement> Movements);
