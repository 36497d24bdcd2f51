namespace MedSpa.Core.GiftCards;

/// <summary>
/// The card an issuing key made (the key itself is kept only as a hash: it may be a purchase's id). Not named GiftCardId:
/// the card's movements are found by that property in the same partition.
/// </summary>
public sealed record GiftCardIssueClaim(string Id, string TenantId, string IssuedCardId)
{
    public string Kind => "gift-card-issue";

    public static string IdFor(string key) =>
        "gift-card-issue-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32].ToLowerInvariant();
}

/// <summary>Gift cards and their movements, in the clinic's payments partition.</summary>
public sealed class GiftCardStore(IDocumentStore store)
{
    private const string Container = Partitions.Payments;

    public async Task<GiftCard?> FindAsync(string tenantId, string? typedCode, CancellationToken ct = default) =>
        GiftCardCode.Normalize(typedCode) is { } code
            ? (await store.ReadAsync<GiftCard>(Container, tenantId, GiftCardCode.IdFor(tenantId, code), ct))?.Body
            : null;

    public Task AddAsync(GiftCard card, CancellationToken ct = default) => store.CreateAsync(Container, card.TenantId, card.Id, card, ct);

    public async Task<GiftCard?> GetAsync(string tenantId, string giftCardId, CancellationToken ct = default) =>
        (await store.ReadAsync<GiftCard>(Container, tenantId, giftCardId, ct))?.Body;

    /// <summary>
    /// Which card an issuing key made: the first card to claim the key keeps it, so a retried issue (or a second delivery
    /// of a purchase's payment) finds that card instead of making another.
    /// </summary>
    public async Task<string> ClaimIssueAsync(string tenantId, string key, string giftCardId, CancellationToken ct = default)
    {
        var id = GiftCardIssueClaim.IdFor(key);
        await store.CreateOnceAsync(Container, tenantId, id, new GiftCardIssueClaim(id, tenantId, giftCardId), ct);
        return (await store.ReadAsync<GiftCardIssueClaim>(Container, tenantId, id, ct))!.Body.IssuedCardId;
    }

    public async Task<string?> IssuedForAsync(string tenantId, string key, CancellationToken ct = default) =>
        (await store.ReadAsync<GiftCardIssueClaim>(Container, tenantId, GiftCardIssueClaim.IdFor(key), ct))?.Body.IssuedCardId;

    /// <summary>Marks a card as moved to another (its movements say how much); the last write wins, as only a transfer writes it.</summary>
    public async Task MarkTransferredAsync(GiftCard card, string toLast4, CancellationToken ct = default)
    {
        var current = await store.ReadAsync<GiftCard>(Container, card.TenantId, card.Id, ct);
        await store.ReplaceAsync(Container, card.TenantId, card.Id, current!.Body with { TransferredTo = toLast4 }, current.ETag, ct);
    }

    public async Task<IReadOnlyList<GiftCardMovement>> MovementsAsync(string tenantId, string giftCardId, CancellationToken ct = default) =>
        await AllAsync(tenantId, new DocumentQuery { OrderBy = nameof(GiftCardMovement.Sequence) }
            .Where(nameof(GiftCardMovement.GiftCardId), FilterOperator.Equal, giftCardId), ct);

    /// <summary>Every movement of every card of the clinic, oldest first (for the liability report).</summary>
    public Task<IReadOnlyList<GiftCardMovement>> AllMovementsAsync(string tenantId, CancellationToken ct = default) =>
        AllAsync(tenantId, new DocumentQuery { OrderBy = nameof(GiftCardMovement.At) }
            .Where(nameof(GiftCardMovement.Kind), FilterOperator.Equal, "gift-card-movement"), ct);

    public async Task<IReadOnlyList<GiftCard>> AllCardsAsync(string tenantId, CancellationToken ct = default) =>
        [.. (await store.QueryAllAsync<GiftCard>(Container, tenantId, new DocumentQuery { OrderBy = nameof(GiftCard.IssuedAt) }
            .Where(nameof(GiftCard.Kind), FilterOperator.Equal, "gift-card"), ct)).Select(d => d.Body)];

    private async Task<IReadOnlyList<GiftCardMovement>> AllAsync(string tenantId, DocumentQuery query, CancellationToken ct) =>
        [.. (await store.QueryAllAsync<GiftCardMovement>(Container, tenantId, query, ct)).Select(d => d.Body)];

    /// <summary>
    /// Gives value back to a card (a refused redemption, a refund), once per key: the paid value first, up to what the
    /// redemption <paramref name="redemptionKey"/> took as paid less what was given back of it before, then the bonus.
    /// </summary>
    public Task<Result<GiftCardMovement>> ReturnAsync(string tenantId, string giftCardId, string redemptionKey, long amount, string key, string invoiceId, string by, DateTimeOffset now, CancellationToken ct = default) =>
        AppendAsync(tenantId, giftCardId, movements =>
        {
            if (movements.FirstOrDefault(m => m.Key == key) is { } same)
            {
                return same;
            }

            var redeemed = movements.Where(m => m.Key == redemptionKey && m.Type == GiftCardMovementType.Redeem).ToList();
            var returnedBefore = movements.Where(m => m.Type == GiftCardMovementType.Returned && m.Key.StartsWith($"{redemptionKey}:", StringComparison.Ordinal)).ToList();
            var paidLeft = -redeemed.Sum(m => m.Paid) - returnedBefore.Sum(m => m.Paid);
            var bonusLeft = -redeemed.Sum(m => m.Bonus) - returnedBefore.Sum(m => m.Bonus);
            if (amount > paidLeft + bonusLeft)
            {
                return new Error.Conflict("More would go back to the card than it paid.");
            }

            var paid = Math.Min(paidLeft, amount);
            return new GiftCardMovement(GiftCardMovement.IdFor(giftCardId, movements.Count + 1), tenantId, giftCardId, movements.Count + 1,
                GiftCardMovementType.Returned, paid, amount - paid, key, invoiceId, now, by);
        }, ct);

    /// <summary>
    /// Appends the movement <paramref name="decide"/> chooses on the card's movements as they are now (or returns the
    /// one already made with the same key). When another movement took the next number first, it decides again.
    /// </summary>
    public Task<Result<GiftCardMovement>> AppendAsync(string tenantId, string giftCardId, Func<IReadOnlyList<GiftCardMovement>, Result<GiftCardMovement>> decide, CancellationToken ct = default) =>
        store.AppendToLogAsync(Container, tenantId, () => MovementsAsync(tenantId, giftCardId, ct), m => m.Id, decide,
            "This gift card is being used from elsewhere right now. Try again in a moment.", ct);
}
