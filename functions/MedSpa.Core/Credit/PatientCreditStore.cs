namespace MedSpa.Core.Credit;

/// <summary>Patients' credit movements, in the clinic's payments partition.</summary>
public sealed class PatientCreditStore(IDocumentStore store)
{
    private const string Container = Partitions.Payments;

    public async Task<IReadOnlyList<CreditMovement>> MovementsAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<CreditMovement>(Container, tenantId, new DocumentQuery { OrderBy = nameof(CreditMovement.Sequence) }
            .Where(nameof(CreditMovement.CreditAccountId), FilterOperator.Equal, CreditMovement.AccountOf(patientId)), ct)).Select(d => d.Body)];

    public async Task<long> BalanceAsync(string tenantId, string patientId, CancellationToken ct = default) =>
        (await MovementsAsync(tenantId, patientId, ct)).Sum(m => m.Amount);

    /// <summary>
    /// Moves a patient's credit once per key: adds it (a positive amount) or spends it (negative), never below zero —
    /// decided on the movements as they are, so twenty payments at once can never overspend it.
    /// </summary>
    public Task<Result<CreditMovement>> MoveAsync(string tenantId, string patientId, CreditMovementType type, Money amount, string key, string? invoiceId, string reason, string by, DateTimeOffset at, CancellationToken ct = default) =>
        store.AppendToLogAsync(Container, tenantId, () => MovementsAsync(tenantId, patientId, ct), m => m.Id, movements =>
        {
            if (movements.FirstOrDefault(m => m.Key == key) is { } same)
            {
                return same;
            }

            var balance = movements.Sum(m => m.Amount);
            if (balance + amount.Amount < 0)
            {
                return Error.Invalid.Field("amount", balance <= 0 ? "The patient has no account credit." : $"The patient has {new Money(balance, amount.Currency).ToDisplay()} of account credit.");
            }

            return new CreditMovement(CreditMovement.IdFor(patientId, movements.Count + 1), tenantId, CreditMovement.AccountOf(patientId), movements.Count + 1,
                type, amount.Amount, amount.Currency, key, invoiceId, reason, at, by);
        }, "The patient's credit is being used from elsewhere right now. Try again in a moment.", ct);
}
