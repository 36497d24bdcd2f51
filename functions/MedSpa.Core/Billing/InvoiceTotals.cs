namespace MedSpa.Core.Billing;

/// <summary>One line's arithmetic: gross, its own discount, its share of the invoice's discount, net, and tax per rate.</summary>
public sealed record LineTotals(string LineId, long Gross, long LineDiscount, long InvoiceDiscountShare, long Net, IReadOnlyDictionary<string, long> Tax)
{
    public long TaxTotal => Tax.Values.Sum();
}

/// <summary>
/// An invoice's arithmetic, in integer minor units, with one rounding rule everywhere: <b>half away from zero, to the
/// minor unit, once per line</b>.
/// <list type="number">
/// <item>gross = quantity × unit price, rounded;</item>
/// <item>a line's discount: its percent of the gross (rounded) or its fixed amount, never more than the gross;</item>
/// <item>the invoice's discount (percent rounded once on the lines' total, or fixed, never more than that total) is
/// shared over the lines in proportion to what is left of each, by largest remainder, so the shares add up exactly;</item>
/// <item>net = gross − line discount − share;</item>
/// <item>tax = net × each rate of the invoice, rounded per line and rate, on taxable lines only;</item>
/// <item>total = Σ net + Σ tax + tips (tips are neither discounted nor taxed).</item>
/// </list>
/// </summary>
public sealed record InvoiceTotals(IReadOnlyList<LineTotals> Lines, long Subtotal, long Discounts, long Tax, long Tips, long Total)
{
    public static InvoiceTotals Of(Invoice invoice)
    {
        var afterLine = invoice.Lines.Select(line =>
        {
            var gross = Round(line.Quantity * line.UnitPrice);
            var discount = line.Discount is { } d ? Math.Min(gross, DiscountOf(d, gross)) : 0;
            return (line, gross, discount, left: gross - discount);
        }).ToList();

        var leftTotal = afterLine.Sum(l => l.left);
        var invoiceDiscount = invoice.Discount is { } whole ? Math.Min(leftTotal, DiscountOf(whole, leftTotal)) : 0;
        var shares = Share(invoiceDiscount, [.. afterLine.Select(l => l.left)]);

        var lines = afterLine.Select((l, i) =>
        {
            var net = l.left - shares[i];
            var tax = l.line.Taxable
                ? invoice.TaxRates.ToDictionary(r => r.Id, r => Round(net * r.Percent / 100m))
                : new Dictionary<string, long>();
            return new LineTotals(l.line.Id, l.gross, l.discount, shares[i], net, tax);
        }).ToList();

        var tips = invoice.Tips.Sum(t => t.Amount);
        var subtotal = lines.Sum(l => l.Gross);
        var discounts = lines.Sum(l => l.LineDiscount + l.InvoiceDiscountShare);
        var taxTotal = lines.Sum(l => l.TaxTotal);
        return new InvoiceTotals(lines, subtotal, discounts, taxTotal, tips, lines.Sum(l => l.Net) + taxTotal + tips);
    }

    public long Net => Lines.Sum(l => l.Net);

    private static long DiscountOf(Discount discount, long of) => discount.Kind == DiscountKind.Percent
        ? Round(of * discount.Value / 100m)
        : (long)discount.Value;

    public static long Round(decimal value) => (long)Math.Round(value, 0, MidpointRounding.AwayFromZero);

    /// <summary>Splits <paramref name="amount"/> over <paramref name="weights"/> in proportion, the rounding left to the largest remainders.</summary>
    public static long[] Share(long amount, long[] weights)
    {
        var total = weights.Sum();
        var shares = new long[weights.Length];
        if (amount == 0 || total == 0)
        {
            return shares;
        }

        var remainders = new decimal[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = (decimal)amount * weights[i] / total;
            shares[i] = (long)decimal.Floor(exact);
            remainders[i] = exact - shares[i];
        }

        var left = amount - shares.Sum();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)left))
        {
            shares[i]++;
        }

        return shares;
    }
}
