namespace MedSpa.Core.GiftCards;

/// <summary>One month of a clinic's gift card liability, in minor units of paid value (bonus value is not owed and is shown apart).</summary>
public sealed record GiftCardMonth(string Month, long Issued, long Redeemed, long Expired, long Outstanding, long BonusIssued, long BonusRedeemed);

/// <summary>
/// What the clinic owes on gift cards, month by month: paid value issued (sold and reloaded), redeemed, and expired (what
/// was left on a card the day after it expired), and what is outstanding at each month's end. Transfers move value
/// between cards and change nothing.
/// </summary>
public sealed class GiftCardLiabilityReport(GiftCardStore cards, TimeProvider clock)
{
    public async Task<IReadOnlyList<GiftCardMonth>> ForClinicAsync(string tenantId, CancellationToken ct = default)
    {
        var movements = await cards.AllMovementsAsync(tenantId, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var expiries = (await cards.AllCardsAsync(tenantId, ct))
            .Where(c => c.ExpiredOn(today))
            .Select(c => (Month: c.ExpiresOn!.Value.AddDays(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                Left: movements.Where(m => m.GiftCardId == c.Id).Sum(m => m.Paid)))
            .ToList();
        static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var months = movements.Select(m => MonthOf(m.At)).Concat(expiries.Select(e => e.Month)).Distinct().Order(StringComparer.Ordinal).ToList();
        var outstanding = 0L;
        var report = new List<GiftCardMonth>();
        foreach (var month in months)
        {
            var these = movements.Where(m => MonthOf(m.At) == month).ToList();
            var issued = these.Where(m => m.Type is GiftCardMovementType.Issue or GiftCardMovementType.Reload).Sum(m => m.Paid);
            var redeemed = -these.Where(m => m.Type is GiftCardMovementType.Redeem or GiftCardMovementType.Returned).Sum(m => m.Paid);
            var expired = expiries.Where(e => e.Month == month).Sum(e => e.Left);
            outstanding += issued - redeemed - expired;
            report.Add(new GiftCardMonth(month, issued, redeemed, expired, outstanding,
                these.Where(m => m.Type is GiftCardMovementType.Issue or GiftCardMovementType.Reload).Sum(m => m.Bonus),
                -these.Where(m => m.Type is GiftCardMovementType.Redeem or GiftCardMovementType.Returned).Sum(m => m.Bonus)));
        }

        return report;
    }
}
