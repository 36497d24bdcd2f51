namespace MedSpa.Core.GiftCards;

/// <param name="Amount">Paid value, minor units.</param>
/// <param name="Bonus">Promotional value on top (a "$25 free with $100" offer), kept apart from what was paid.</param>
public sealed record NewGiftCard(long Amount, long Bonus, string Currency, string? RecipientName, string? RecipientEmail, string? Message, DateOnly? ExpiresOn, string Key);

/// <summary>A card as the desk and its holder see it: the code only once, at issue.</summary>
public sealed record GiftCardView(GiftCard Card, GiftCardBalance Balance, string? Code, bool Expired);

internal static class GiftCardRules
{
    public const long MaxValue = 500_000; // 5,000.00

    public static Error.Invalid Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    public static bool IsStaff(Caller caller) => caller.Role is Role.Admin or Role.FrontDesk;
}

/// <summary>
/// The desk issues a gift card (and an online purchase, once paid): a new unguessable code, paid value and any
/// promotional bonus as its first movement. Keyed: the same key finds the card it issued before, and its code is shown
/// only to the first answer (a retry after a lost answer sees the card without it: move it to a new card to get one).
/// </summary>
public sealed class IssueGiftCard(GiftCardStore cards, TimeProvider clock)
{
    public Task<Result<GiftCardView>> IssueAsync(Caller caller, NewGiftCard input, CancellationToken ct = default) =>
        IssueAsync(caller.TenantId, caller.Email, input, GiftCardCode.New(), ct);

    /// <param name="code">The card's code: new for each request at the desk; for a purchase, the one it keeps until delivery.</param>
    public async Task<Result<GiftCardView>> IssueAsync(string tenantId, string by, NewGiftCard input, string code, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Amount is < 100 or > GiftCardRules.MaxValue)
        {
            errors["amount"] = ["From 1.00 to 5,000.00, in minor units."];
        }

        if (input.Bonus is < 0 or > GiftCardRules.MaxValue)
        {
            errors["bonus"] = ["From 0 to 5,000.00, in minor units."];
        }

        if (!Money.IsCurrencyCode(input.Currency))
        {
            errors["currency"] = ["A three-letter currency code, like USD."];
        }

        if (input.RecipientName is { Length: > 100 } || input.RecipientName?.Any(char.IsControl) == true)
        {
            errors["recipientName"] = ["Up to 100 characters, no control characters."];
        }

        if (input.RecipientEmail is { } email && (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out _)))
        {
            errors["recipientEmail"] = ["An email address."];
        }

        if (input.Message is { Length: > 500 })
        {
            errors["message"] = ["Up to 500 characters."];
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (input.ExpiresOn is { } expires && (expires <= today || expires > today.AddYears(10)))
        {
            errors["expiresOn"] = ["A date after today and within 10 years (where the law allows an expiry at all)."];
        }

        if (errors.Count > 0)
        {
            return new Error.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var normalized = GiftCardCode.Normalize(code)!;
        var cardId = await cards.IssuedForAsync(tenantId, input.Key, ct);
        if (cardId is null)
        {
            // The card first, then the key's claim: a crash between them leaves a card with no value that nobody holds.
            var made = new GiftCard(GiftCardCode.IdFor(tenantId, normalized), tenantId, GiftCardCode.Last4(normalized), input.Currency,
                input.RecipientName?.Trim(), input.RecipientEmail?.Trim(), input.Message?.Trim(), input.ExpiresOn, now, by);
            if (await cards.GetAsync(tenantId, made.Id, ct) is null)
            {
                await cards.AddAsync(made, ct);
            }

            cardId = await cards.ClaimIssueAsync(tenantId, input.Key, made.Id, ct);
        }

        var card = (await cards.GetAsync(tenantId, cardId, ct))!;
        var issued = await cards.AppendAsync(tenantId, card.Id, movements => movements.FirstOrDefault(m => m.Type == GiftCardMovementType.Issue) is { } first
            ? first
            : new GiftCardMovement(GiftCardMovement.IdFor(card.Id, 1), tenantId, card.Id, 1, GiftCardMovementType.Issue, input.Amount, input.Bonus, input.Key, null, now, by), ct);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        var shown = card.Id == GiftCardCode.IdFor(tenantId, normalized) ? code : null;
        return new GiftCardView(card, GiftCardBalance.Of(await cards.MovementsAsync(tenantId, card.Id, ct)), shown, false);
    }
}

/// <summary>
/// A balance check by code. Rate-limited per caller (10 a minute), so codes cannot be guessed by asking; an unknown code
/// and a malformed one answer the same "not found".
/// </summary>
public sealed class CheckGiftCardBalance(GiftCardStore cards, TimeProvider clock)
{
    public const int PerMinute = 10;

    private readonly Dictionary<string, Queue<DateTimeOffset>> _recent = [];
    private readonly Lock _gate = new();

    public async Task<Result<GiftCardView>> CheckAsync(Caller caller, string code, CancellationToken ct = default)
    {
        if (!Allow($"{caller.TenantId}:{caller.UserId}"))
        {
            return new Error.TooManyRequests("Too many balance checks: wait a minute and try again.");
        }

        if (await cards.FindAsync(caller.TenantId, code, ct) is not { } card)
        {
            return new Error.NotFound("No gift card has this code. Check it and try again.");
        }

        var balance = GiftCardBalance.Of(await cards.MovementsAsync(caller.TenantId, card.Id, ct));
        return new GiftCardView(card, balance, null, card.ExpiredOn(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }

    private bool Allow(string who)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_recent.TryGetValue(who, out var times))
            {
                _recent[who] = times = new Queue<DateTimeOffset>();
            }

            while (times.Count > 0 && now - times.Peek() > TimeSpan.FromMinutes(1))
            {
                times.Dequeue();
            }

            if (times.Count >= PerMinute)
            {
                return false;
            }

            times.Enqueue(now);
            return true;
        }
    }
}

/// <summary>Adds paid value to a card (keyed: a retry adds it once). An expired or transferred card takes nothing.</summary>
public sealed class ReloadGiftCard(GiftCardStore cards, TimeProvider clock)
{
    public async Task<Result<GiftCardView>> ReloadAsync(Caller caller, string code, long amount, string key, CancellationToken ct = default)
    {
        if (await cards.FindAsync(caller.TenantId, code, ct) is not { } card)
        {
            return new Error.NotFound("No gift card has this code.");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (card.ExpiredOn(today) || card.TransferredTo is not null)
        {
            return new Error.Conflict(card.TransferredTo is { } to ? $"This card's value moved to the card ending {to}." : "This card has expired.");
        }

        var now = clock.GetUtcNow();
        var moved = await cards.AppendAsync(caller.TenantId, card.Id, movements =>
        {
            if (movements.FirstOrDefault(m => m.Key == key) is { } same)
            {
                return same;
            }

            if (amount is < 100 || GiftCardBalance.Of(movements).Total + amount > GiftCardRules.MaxValue)
            {
                return GiftCardRules.Invalid("amount", "From 1.00, up to a balance of 5,000.00.");
            }

            return new GiftCardMovement(GiftCardMovement.IdFor(card.Id, movements.Count + 1), caller.TenantId, card.Id, movements.Count + 1, GiftCardMovementType.Reload, amount, 0, key, null, now, caller.Email);
        }, ct);
        return moved.IsSuccess ? new GiftCardView(card, GiftCardBalance.Of(await cards.MovementsAsync(caller.TenantId, card.Id, ct)), null, false) : moved.Error;
    }
}

/// <summary>
/// Moves a card's whole value to a new card (a lost card, a gift passed on): the old one is emptied first (its movement
/// names the new card), then the new one starts with the same paid and bonus parts and the same expiry. The new code is
/// shown once; a retry with the same key says where the value went.
/// </summary>
public sealed class TransferGiftCard(GiftCardStore cards, TimeProvider clock)
{
    public async Task<Result<GiftCardView>> TransferAsync(Caller caller, string code, string key, CancellationToken ct = default)
    {
        if (await cards.FindAsync(caller.TenantId, code, ct) is not { } card)
        {
            return new Error.NotFound("No gift card has this code.");
        }

        var newCode = GiftCardCode.New();
        var normalized = GiftCardCode.Normalize(newCode)!;
        var newId = GiftCardCode.IdFor(caller.TenantId, normalized);
        var now = clock.GetUtcNow();
        var emptied = await cards.AppendAsync(caller.TenantId, card.Id, movements =>
        {
            if (movements.FirstOrDefault(m => m.Key == key) is { } same)
            {
                return same;
            }

            var balance = GiftCardBalance.Of(movements);
            if (card.TransferredTo is { } to)
            {
                return new Error.Conflict($"This card's value moved already, to the card ending {to}.");
            }

            if (balance.Total <= 0)
            {
                return GiftCardRules.Invalid("code", "This card is empty: there is nothing to move.");
            }

            return new GiftCardMovement(GiftCardMovement.IdFor(card.Id, movements.Count + 1), caller.TenantId, card.Id, movements.Count + 1,
                GiftCardMovementType.TransferOut, -balance.Paid, -balance.Bonus, key, newId, now, caller.Email);
        }, ct);
        if (!emptied.IsSuccess)
        {
            return emptied.Error;
        }

        if (emptied.Value.Reference != newId)
        {
            return new Error.Conflict($"This card's value moved already, to the card ending {card.TransferredTo ?? "(being made)"}.");
        }

        var fresh = new GiftCard(newId, caller.TenantId, GiftCardCode.Last4(normalized), card.Currency, card.RecipientName, card.RecipientEmail, card.Message,
            card.ExpiresOn, now, caller.Email);
        await cards.AddAsync(fresh, ct);
        var value = new GiftCardBalance(-emptied.Value.Paid, -emptied.Value.Bonus);
        await cards.AppendAsync(caller.TenantId, newId, _ => new GiftCardMovement(GiftCardMovement.IdFor(newId, 1), caller.TenantId, newId, 1,
            GiftCardMovementType.TransferIn, value.Paid, value.Bonus, $"{key}:in", card.Id, now, caller.Email), ct);
        await cards.MarkTransferredAsync(card, fresh.Last4, ct);
        return new GiftCardView(fresh, value, newCode, false);
    }
}
