using MedSpa.Core.Billing;

namespace MedSpa.Core.GiftCards;

/// <summary>
/// Pays an invoice with a gift card. The card is debited first — the balance checked on its movements as they are, so
/// twenty redemptions at once can never take it below zero — then the same amount is posted to the invoice's ledger
/// under the same key; a retry finds both done. If the invoice refuses the payment (paid meanwhile), the card gets its
/// value back.
/// </summary>
public sealed class RedeemGiftCard(GiftCardStore cards, InvoiceStore invoices, InvoiceAccess access, IssueInvoice issue, TimeProvider clock)
{
    public async Task<Result<(GiftCardView Card, InvoiceView Invoice)>> RedeemAsync(Caller caller, string code, string invoiceId, long amount, string key, CancellationToken ct = default)
    {
        if (await cards.FindAsync(caller.TenantId, code, ct) is not { } card)
        {
            return new Error.NotFound("No gift card has this code.");
        }

        var read = await access.ReadAsync(caller, invoiceId, ct);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        if (read.Value.Invoice.Currency != card.Currency)
        {
            return GiftCardRules.Invalid("code", $"This card holds {card.Currency}; the invoice is in {read.Value.Invoice.Currency}.");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (card.ExpiredOn(today))
        {
            return new Error.Conflict($"This card expired on {card.ExpiresOn:yyyy-MM-dd}.");
        }

        var owed = read.Value.OwedNow;
        if (amount <= 0 || (amount > owed && !read.Value.Entries.Any(e => e.Key == key)))
        {
            return GiftCardRules.Invalid("amount", $"From 0.01 to {new Money(owed, card.Currency).ToDisplay()}, what the invoice owes.");
        }

        var now = clock.GetUtcNow();
        var debit = await cards.AppendAsync(caller.TenantId, card.Id, movements =>
        {
            if (movements.FirstOrDefault(m => m.Key == key) is { } same)
            {
                return same;
            }

            var balance = GiftCardBalance.Of(movements);
            if (amount > balance.Total)
            {
                return GiftCardRules.Invalid("amount", $"The card holds {new Money(balance.Total, card.Currency).ToDisplay()}.");
            }

            var (paid, bonus) = balance.Spend(amount);
            return new GiftCardMovement(GiftCardMovement.IdFor(card.Id, movements.Count + 1), caller.TenantId, card.Id, movements.Count + 1,
                GiftCardMovementType.Redeem, -paid, -bonus, key, invoiceId, now, caller.Email);
        }, ct);
        if (!debit.IsSuccess)
        {
            return debit.Error;
        }

        var issued = await issue.IssueAsync(caller, read.Value, ct);
        var posted = issued.IsSuccess
            ? await invoices.AppendAsync(caller.TenantId, invoiceId, entries =>
            {
                if (entries.FirstOrDefault(e => e.Key == key && e.Type == LedgerEntryType.Payment) is { } same)
                {
                    return same;
                }

                if (amount > InvoiceBalance.Of(entries).Owed)
                {
                    return GiftCardRules.Invalid("amount", "The invoice was paid meanwhile; it owes less now.");
                }

                return new LedgerEntry(LedgerEntry.IdFor(invoiceId, entries.Count + 1), caller.TenantId, invoiceId, entries.Count + 1, LedgerEntryType.Payment, Tender.GiftCard,
                    amount, LedgerEntry.ForPayment(Tender.GiftCard, amount), key, $"gift card ending {card.Last4}", null, null, now, caller.Email, TenderId: card.Id);
            }, ct)
            : issued.Error;
        if (!posted.IsSuccess)
        {
            // The invoice would not take it: the card gets back exactly what was taken from it.
            await cards.ReturnAsync(caller.TenantId, card.Id, key, -(debit.Value.Paid + debit.Value.Bonus), $"{key}:returned", invoiceId, caller.Email, now, ct);
            return posted.Error;
        }

        var balanceNow = GiftCardBalance.Of(await cards.MovementsAsync(caller.TenantId, card.Id, ct));
        return (new GiftCardView(card, balanceNow, null, false), (await access.ReadAsync(caller, invoiceId, ct)).Value!);
    }
}
