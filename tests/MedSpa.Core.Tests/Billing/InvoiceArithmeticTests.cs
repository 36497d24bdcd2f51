using MedSpa.Core.Billing;

namespace MedSpa.Core.Tests.Billing;

/// <summary>An invoice's arithmetic in minor units: one rounding rule (half away from zero, per line), exact shares, a ledger that balances.</summary>
public sealed class InvoiceArithmeticTests
{
    private static readonly TaxRate NewYork = new("ny", "NY sales tax", 8.875m);

    private static Invoice With(IReadOnlyList<InvoiceLine> lines, Discount? discount = null, IReadOnlyList<Tip>? tips = null, IReadOnlyList<TaxRate>? rates = null) => new()
    {
        Id = Invoice.IdFor(1),
        TenantId = "demo",
        Number = 1,
        PatientId = "p1",
        Currency = "USD",
        Lines = lines,
        Discount = discount,
        Tips = tips ?? [],
        TaxRates = rates ?? [NewYork],
        CreatedBy = "desk",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void A_location_charges_the_rates_named_for_it_and_those_named_for_no_location()
    {
        var settings = new BillingSettings
        {
            TaxRates = [new("ny", "NY", 8.875m, ["soho"]), new("ca", "CA", 9.5m, ["venice", "malibu"]), new("levy", "Levy", 1m), new("none", "None", 2m, [])],
        };

        settings.RatesAt("soho").Select(r => r.Id).ShouldBe(["ny", "levy", "none"]);
        settings.RatesAt("malibu").Select(r => r.Id).ShouldBe(["ca", "levy", "none"]);
        settings.RatesAt(null).Select(r => r.Id).ShouldBe(["levy", "none"], "a rate for some locations is never charged where no location is known");
    }

    [Fact]
    public void Neurotoxin_by_the_unit_a_taxable_retail_product_and_a_tip()
    {
        var invoice = With(
        [
            new InvoiceLine("botox", LineKind.Neurotoxin, "Botox", 20, 1_400, Taxable: false),
            new InvoiceLine("serum", LineKind.Retail, "Vitamin C serum", 1, 8_900, Taxable: true),
        ], tips: [new Tip("staff-1", 2_000)]);

        var totals = invoice.Totals;

        totals.Subtotal.ShouldBe(28_000 + 8_900);
        totals.Tax.ShouldBe(790); // 8,900 × 8.875 % = 789.875 → 790 (half away from zero)
        totals.Tips.ShouldBe(2_000);
        totals.Total.ShouldBe(36_900 + 790 + 2_000);
    }

    [Fact]
    public void Tax_is_rounded_once_per_line_and_rate_half_away_from_zero()
    {
        var invoice = With([new InvoiceLine("a", LineKind.Retail, "A", 1, 200, true), new InvoiceLine("b", LineKind.Retail, "B", 1, 200, true)],
            rates: [new TaxRate("half", "Half", 0.25m), new TaxRate("city", "City", 4.5m)]);

        var totals = invoice.Totals;

        totals.Lines.ShouldAllBe(l => l.Tax["half"] == 1 && l.Tax["city"] == 9); // 0.5 → 1 and 9 per line, never 1 on the sum
        totals.Tax.ShouldBe(20);
    }

    [Fact]
    public void An_invoice_discount_is_shared_over_the_lines_exactly_and_never_exceeds_them()
    {
        var lines = new[] { new InvoiceLine("a", LineKind.Retail, "A", 1, 100, true), new InvoiceLine("b", LineKind.Retail, "B", 1, 100, true), new InvoiceLine("c", LineKind.Retail, "C", 1, 100, true) };

        var shared = With(lines, new Discount(DiscountKind.Fixed, 10, "Loyal patient")).Totals;
        var capped = With(lines, new Discount(DiscountKind.Fixed, 1_000, "Goodwill")).Totals;

        shared.Lines.Select(l => l.InvoiceDiscountShare).ShouldBe([4, 3, 3]);
        shared.Discounts.ShouldBe(10);
        capped.Discounts.ShouldBe(300);
        capped.Total.ShouldBe(0);
    }

    [Fact]
    public void A_line_discount_comes_off_before_the_invoice_discount_and_the_tax()
    {
        var invoice = With([new InvoiceLine("filler", LineKind.Filler, "Juvederm", 2, 65_000, Taxable: true, Discount: new Discount(DiscountKind.Percent, 10, "Second syringe offer"))],
            new Discount(DiscountKind.Percent, 5, "Member"));

        var line = invoice.Totals.Lines.Single();

        line.Gross.ShouldBe(130_000);
        line.LineDiscount.ShouldBe(13_000);
        line.InvoiceDiscountShare.ShouldBe(5_850);
        line.Net.ShouldBe(111_150);
        line.Tax["ny"].ShouldBe(9_865); // 111,150 × 8.875 % = 9,864.56
    }

    [Fact]
    public void Half_a_syringe_is_priced_to_the_cent()
    {
        With([new InvoiceLine("f", LineKind.Filler, "Filler", 0.5m, 65_001, Taxable: false)]).Totals.Total.ShouldBe(32_501); // 32,500.5 → 32,501
    }

    [Fact]
    public void A_draft_changes_until_issued_then_only_the_ledger_moves()
    {
        var draft = With([new InvoiceLine("a", LineKind.Service, "Facial", 1, 15_000, false)]);
        var issued = draft.Issue(DateTimeOffset.UnixEpoch).Value!;

        issued.Status.ShouldBe(InvoiceStatus.Open);
        issued.Edit(new InvoiceDraft([], null, [], null), DateTimeOffset.UnixEpoch).Error.ShouldBeOfType<Error.Conflict>();
        var voided = issued.Void("Wrong patient", DateTimeOffset.UnixEpoch);
        (voided.Status, voided.VoidReason).ShouldBe((InvoiceStatus.Void, "Wrong patient"));
        voided.WithBalance(0).Status.ShouldBe(InvoiceStatus.Void);
        voided.Issue(DateTimeOffset.UnixEpoch).Error.ShouldBeOfType<Error.Conflict>();
        voided.Edit(new InvoiceDraft([], null, [], null), DateTimeOffset.UnixEpoch).Error.ShouldBeOfType<Error.Conflict>();
        (draft with { Lines = [] }).Issue(DateTimeOffset.UnixEpoch).Error.ShouldBeOfType<Error.Conflict>();
        issued.WithBalance(0).Status.ShouldBe(InvoiceStatus.Paid);
    }

    [Fact]
    public void For_random_invoices_paid_in_split_tenders_and_refunded_in_part_the_ledger_always_balances_to_zero()
    {
        var random = new Random(20261130);
        Tender[] tenders = [Tender.Cash, Tender.Card, Tender.GiftCard, Tender.Credit, Tender.Deposit];
        for (var run = 0; run < 2_000; run++)
        {
            var rates = Enumerable.Range(0, random.Next(0, 3)).Select(i => new TaxRate($"r{i}", $"Rate {i}", random.Next(0, 15_000) / 1_000m)).ToList();
            var lines = Enumerable.Range(0, random.Next(1, 8)).Select(i => new InvoiceLine($"l{i}", (LineKind)random.Next(0, 5), $"Line {i}",
                random.Next(1, 400) / (random.Next(2) == 0 ? 1m : 4m), random.Next(0, 200_000), random.Next(2) == 0,
                Discount: random.Next(4) == 0 ? new Discount(random.Next(2) == 0 ? DiscountKind.Percent : DiscountKind.Fixed, random.Next(0, 101), "r") : null)).ToList();
            var discount = random.Next(3) == 0 ? new Discount(random.Next(2) == 0 ? DiscountKind.Percent : DiscountKind.Fixed, random.Next(0, 60_000), "r") : null;
            if (discount is { Kind: DiscountKind.Percent })
            {
                discount = discount with { Value = discount.Value % 101 };
            }

            var invoice = With(lines, discount, [.. Enumerable.Range(0, random.Next(0, 3)).Select(i => new Tip($"s{i}", random.Next(1, 5_000)))], rates);
            var totals = invoice.Totals;

            totals.Lines.ShouldAllBe(l => l.Net >= 0 && l.Net == l.Gross - l.LineDiscount - l.InvoiceDiscountShare);
            totals.Total.ShouldBe(totals.Net + totals.Tax + totals.Tips);
            totals.Discounts.ShouldBe(totals.Subtotal - totals.Net);

            // Pay it off in random tenders, then refund random parts of random payments.
            var entries = new List<LedgerEntry> { Entry(1, LedgerEntryType.Issued, null, totals.Total, LedgerEntry.ForIssue(totals)) };
            while (InvoiceBalance.Of(entries).Owed > 0)
            {
                var owed = InvoiceBalance.Of(entries).Owed;
                var amount = random.Next(3) == 0 ? owed : Math.Max(1, (long)(owed * random.NextDouble()));
                var tender = tenders[random.Next(tenders.Length)];
                entries.Add(Entry(entries.Count + 1, LedgerEntryType.Payment, tender, amount, LedgerEntry.ForPayment(tender, amount)));
            }

            foreach (var (payment, refundable) in InvoiceBalance.Of(entries).Payments.Where(_ => random.Next(3) == 0).ToList())
            {
                var amount = Math.Max(1, (long)(refundable * random.NextDouble()));
                entries.Add(Entry(entries.Count + 1, LedgerEntryType.Refund, payment.Tender, amount, LedgerEntry.ForRefund(payment.Tender!.Value, amount)) with { RefundOf = payment.Id });
            }

            var balance = InvoiceBalance.Of(entries);
            var postings = entries.SelectMany(e => e.Postings).ToList();
            postings.Sum(p => p.Amount).ShouldBe(0, $"run {run}");
            entries.ShouldAllBe(e => e.Postings.Sum(p => p.Amount) == 0);
            balance.Owed.ShouldBe(0);
            balance.Paid.ShouldBe(totals.Total);
            balance.Payments.ShouldAllBe(p => p.Refundable >= 0);
            var money = postings.Where(p => p.Account is LedgerAccount.Cash or LedgerAccount.Card or LedgerAccount.GiftCards or LedgerAccount.PatientCredit or LedgerAccount.Deposits).Sum(p => p.Amount);
            money.ShouldBe(balance.Paid - balance.Refunded);

            // Voided on its day: the rest of every payment is given back, then the charges reversed; every account is back at zero.
            if (run % 3 == 0)
            {
                foreach (var (payment, refundable) in balance.Payments.Where(p => p.Refundable > 0).ToList())
                {
                    entries.Add(Entry(entries.Count + 1, LedgerEntryType.Refund, payment.Tender, refundable, LedgerEntry.ForRefund(payment.Tender!.Value, refundable)) with { RefundOf = payment.Id });
                }

                entries.Add(Entry(entries.Count + 1, LedgerEntryType.Void, null, totals.Total, LedgerEntry.ForVoid(totals, InvoiceBalance.Of(entries))));
                entries.SelectMany(e => e.Postings).GroupBy(p => p.Account).ShouldAllBe(account => account.Sum(p => p.Amount) == 0, $"run {run}");
                InvoiceBalance.Of(entries).Charged.ShouldBe(0);
            }
        }
    }

    [Fact]
    public void While_a_first_payment_is_issuing_an_invoice_a_payment_alongside_still_reads_what_it_owes()
    {
        // Issuing saves the invoice's status first and posts its charges next: a reader in between must not see "paid in full".
        var invoice = With([new InvoiceLine("kit", LineKind.Retail, "Peel kit", 1, 20_000, Taxable: false)]);
        var totals = invoice.Totals;
        var issuing = invoice.Issue(DateTimeOffset.UnixEpoch).Value!;
        View(invoice, []).OwedNow.ShouldBe(20_000);

        var between = View(issuing, []);
        between.OwedNow.ShouldBe(20_000);
        between.Invoice.Status.ShouldBe(InvoiceStatus.Open, "not Paid on an empty ledger");

        List<LedgerEntry> posted = [Entry(1, LedgerEntryType.Issued, null, totals.Total, LedgerEntry.ForIssue(totals)), Entry(2, LedgerEntryType.Payment, Tender.Cash, 5_000, LedgerEntry.ForPayment(Tender.Cash, 5_000))];
        View(issuing, posted).OwedNow.ShouldBe(15_000);
        View(invoice.Void("Rang up twice", DateTimeOffset.UnixEpoch), []).OwedNow.ShouldBe(0, "a voided draft owes nothing");
    }

    private static InvoiceView View(Invoice invoice, IReadOnlyList<LedgerEntry> entries) =>
        new(new Document<Invoice>(invoice.Id, "demo", invoice, "etag"), invoice.Totals, InvoiceBalance.Of(entries), entries);

    private static LedgerEntry Entry(int sequence, LedgerEntryType type, Tender? tender, long amount, IReadOnlyList<Posting> postings) =>
        new(LedgerEntry.IdFor("invoice-1", sequence), "demo", "invoice-1", sequence, type, tender, amount, postings, null, null, null, null, DateTimeOffset.UnixEpoch, "test");

    [Theory]
    [InlineData(100, new long[] { 1, 1, 1 }, new long[] { 34, 33, 33 })]
    [InlineData(7, new long[] { 0, 5, 5 }, new long[] { 0, 4, 3 })]
    [InlineData(0, new long[] { 3, 3 }, new long[] { 0, 0 })]
    public void Shares_add_up_to_the_whole(long amount, long[] weights, long[] expected)
    {
        InvoiceTotals.Share(amount, weights).ShouldBe(expected);
    }
}
