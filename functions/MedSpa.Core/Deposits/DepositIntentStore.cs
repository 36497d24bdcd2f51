using MedSpa.Core.Payments;

namespace MedSpa.Core.Deposits;

/// <summary>Deposit records, one per appointment, changed only by replace-if-match.</summary>
public sealed class DepositIntentStore(IDocumentStore store)
{
    public async Task<DepositIntent?> GetAsync(string tenantId, string appointmentId, CancellationToken ct = default) =>
        (await store.ReadAsync<DepositIntent>(Partitions.Payments, tenantId, DepositIntent.IdFor(appointmentId), ct))?.Body;

    /// <summary>
    /// Applies <paramref name="change"/> to the appointment's deposit (made from <paramref name="create"/> when there is
    /// none yet), again from the stored one when someone else changed it meanwhile. Returns what is stored after.
    /// </summary>
    public async Task<Result<DepositIntent>> ChangeAsync(string tenantId, string appointmentId, Func<DepositIntent> create, Func<DepositIntent, Result<DepositIntent>> change, CancellationToken ct = default)
    {
        var id = DepositIntent.IdFor(appointmentId);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var found = await store.ReadAsync<DepositIntent>(Partitions.Payments, tenantId, id, ct);
            var current = found?.Body ?? create();
            var changed = change(current);
            if (!changed.IsSuccess || (found is not null && changed.Value == current))
            {
                return changed;
            }

            try
            {
                return found is null
                    ? (await store.CreateAsync(Partitions.Payments, tenantId, id, changed.Value, ct)).Body
                    : (await store.ReplaceAsync(Partitions.Payments, tenantId, id, changed.Value, found.ETag, ct)).Body;
            }
            catch (DocumentStoreException e) when (e is DocumentConflictException or DocumentStaleException)
            {
                // Changed meanwhile (a webhook and the saga at once): apply the change to what is there now.
            }
        }

        throw new InvalidOperationException($"The deposit of {appointmentId} kept changing.");
    }
}
