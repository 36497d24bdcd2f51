using MedSpa.Core.Patients;

namespace MedSpa.Core.Payments;

/// <summary>A patient's saved card as people see it, with whether it still works (an expired card is caught before it is needed).</summary>
public sealed record CardOnFile(SavedCard Card, bool Expired, bool ExpiresWithin60Days);

/// <summary>
/// A patient's cards on file (kept at Stripe on the patient's customer): listed, added through a SetupIntent the patient's
/// browser confirms with Stripe, removed. The patient manages their own (a parent a child's); the desk and admins any
/// patient's; practitioners none. Anyone else asking is told the patient does not exist.
/// </summary>
public sealed class CardsOnFile(PatientAccess access, PaymentCustomers customers, IPaymentGateway payments, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<CardOnFile>>> ListAsync(Caller caller, string patientId, CancellationToken ct = default)
    {
        if (await OpenAsync(caller, patientId, ct) is { } refused)
        {
            return refused;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var cards = await payments.CardsAsync(await customers.ForPatientAsync(caller.TenantId, patientId, ct), ct);
        return Result<IReadOnlyList<CardOnFile>>.Success([.. cards.Select(c => new CardOnFile(c, c.ExpiredOn(today), c.ExpiredOn(today.AddDays(60))))]);
    }

    /// <summary>
    /// Before an online booking whose fees go to the card on file: a patient whose every card has expired is asked for a
    /// new one now, not when a fee falls due. A patient with no card yet is not refused here (a new patient has nowhere to
    /// add one before a first booking); the booking page asks them for one.
    /// </summary>
    public async Task<Error?> CheckBeforeBookingAsync(string tenantId, string patientId, CancellationToken ct = default)
    {
        if (await customers.KnownAsync(tenantId, patientId, ct) is not { } customer)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var cards = await payments.CardsAsync(customer, ct);
        return cards.Count > 0 && cards.All(c => c.ExpiredOn(today))
            ? Error.Invalid.Field("card", $"Your card ending {cards[0].Last4} expired {cards[0].ExpiryMonth:D2}/{cards[0].ExpiryYear}. Add a new card in My cards, then book.")
            : null;
    }

    /// <returns>The SetupIntent's client secret, for the patient's browser to confirm with Stripe.</returns>
    public async Task<Result<(string ClientSecret, PaymentClientSettings Provider)>> StartAddingAsync(Caller caller, string patientId, string key, CancellationToken ct = default)
    {
        if (await OpenAsync(caller, patientId, ct) is { } refused)
        {
            return refused;
        }

        var customer = await customers.ForPatientAsync(caller.TenantId, patientId, ct);
        return (await payments.StartSavingCardAsync(caller.TenantId, customer, $"card-on-file:{caller.TenantId}:{patientId}:{key}", ct), payments.ClientSettings);
    }

    /// <summary>Removes a card, found by its id: whose it is comes from Stripe's customer, and the caller must be allowed that patient.</summary>
    public async Task<Result<bool>> RemoveAsync(Caller caller, string cardId, CancellationToken ct = default)
    {
        if (await payments.FindCardAsync(cardId, ct) is not { TenantId: { } tenantId, PatientId: { } patientId } found || tenantId != caller.TenantId)
        {
            return new Error.NotFound("No such card on file.");
        }

        if (await OpenAsync(caller, patientId, ct) is { } refused)
        {
            return refused;
        }

        await payments.RemoveCardAsync(found.Card.Id, ct);
        return true;
    }

    private async Task<Error?> OpenAsync(Caller caller, string patientId, CancellationToken ct)
    {
        if (caller.Role == Role.Practitioner)
        {
            return new Error.Forbidden("Cards on file are the patient's and the front desk's.");
        }

        var opened = await access.OpenAsync(caller, patientId, ct);
        return opened.IsSuccess ? null : opened.Error;
    }
}
