using MedSpa.Core.Billing;
using MedSpa.Core.GiftCards;

namespace MedSpa.Functions.Tests.GiftCards;

/// <summary>Gift cards through the API: codes, balances kept apart, redemptions that never overdraw, transfers, the liability report.</summary>
public sealed class GiftCardApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Desk = $"frontdesk@{ApiHost.Demo}";

    private async Task<JsonObject> IssueAsync(long amount, long bonus = 0, string? expiresOn = null, HttpClient? client = null)
    {
        var response = await (client ?? api.As(Desk)).PostAsJsonAsync("/api/gift-cards", new { amount, bonus, currency = "USD", recipientName = "Gina Gift", expiresOn, idempotencyKey = Guid.NewGuid().ToString() });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>An issued invoice (a sale) of <paramref name="total"/> for a new patient.</summary>
    private async Task<string> SaleAsync(long total)
    {
        var desk = new Caller("desk", Desk, "Desk", "demo", Role.FrontDesk);
        var patient = await api.NewPatientAsync("Gift", "Buyer");
        var opened = (await api.Services.GetRequiredService<OpenInvoice>().ForPatientAsync("demo", Desk, patient)).Value.Invoice;
        var edited = await api.Services.GetRequiredService<EditInvoice>().EditAsync(desk, opened.Id,
            new InvoiceDraft([new InvoiceLine("a", LineKind.Other, "Package of facials", 1, total, false)], null, [], null), opened.ETag);
        edited.IsSuccess.ShouldBeTrue(edited.Error?.Detail);
        return opened.Id;
    }

    [Fact]
    public async Task A_code_is_unguessable_and_easy_to_read_aloud_and_a_balance_is_found_however_it_is_typed()
    {
        var first = await IssueAsync(10_000);
        var second = await IssueAsync(10_000);
        var code = first["code"]!.GetValue<string>();

        code.ShouldMatch("^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$"); // 16 × 5 bits = 80 bits; no 0, O, 1, I
        second["code"]!.GetValue<string>().ShouldNotBe(code);
        var typed = await (await api.As(Desk).GetAsync($"/api/gift-cards/{code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()}")).JsonAsync();
        typed["balance"]!.GetValue<long>().ShouldBe(10_000);
        typed["code"].ShouldBeNull(); // shown once, when issued
        typed["last4"]!.GetValue<string>().ShouldBe(code[^4..]);
        (await api.Store.ReadAsync<GiftCard>("payments", "demo", GiftCardCode.IdFor("demo", GiftCardCode.Normalize(code)!)))!.Body.ShouldNotBeNull();
        api.StoredDocuments().ShouldAllBe(row => !row.Contains(code.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal) && !row.Contains(code, StringComparison.Ordinal)); // stored by hash only
    }

    [Fact]
    public async Task Issuing_again_with_the_same_key_finds_the_same_card_and_issues_no_second_one()
    {
        var body = new { amount = 7_500, currency = "USD", recipientName = "Retry Rita", idempotencyKey = $"issue-{Guid.NewGuid():N}" };
        var first = await (await api.As(Desk).PostAsJsonAsync("/api/gift-cards", body)).JsonAsync();
        var cardsBefore = (await api.Services.GetRequiredService<GiftCardStore>().AllCardsAsync("demo")).Count;

        var retried = await api.As(Desk).PostAsJsonAsync("/api/gift-cards", body);

        retried.StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await retried.JsonAsync();
        again["last4"]!.GetValue<string>().ShouldBe(first["last4"]!.GetValue<string>());
        again["balance"]!.GetValue<long>().ShouldBe(7_500);
        again["code"].ShouldBeNull(); // the code was shown to the first answer only
        (await api.Services.GetRequiredService<GiftCardStore>().AllCardsAsync("demo")).Count.ShouldBe(cardsBefore);
    }

    [Fact]
    public async Task Twenty_redemptions_at_once_never_take_a_card_below_zero()
    {
        var card = await IssueAsync(10_000);
        var code = card["code"]!.GetValue<string>();
        var invoiceId = await SaleAsync(50_000);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            api.As(Desk).PostAsJsonAsync($"/api/gift-cards/{code}/redeem", new { invoiceId, amount = 1_000, idempotencyKey = $"redeem-{i:D2}-{Guid.NewGuid():N}" })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(10);
        answers.Where(a => a.StatusCode != HttpStatusCode.Created).ShouldAllBe(a => a.StatusCode == HttpStatusCode.BadRequest);
        var store = api.Services.GetRequiredService<GiftCardStore>();
        var movements = await store.MovementsAsync("demo", GiftCardCode.IdFor("demo", GiftCardCode.Normalize(code)!));
        var running = 0L;
        foreach (var m in movements)
        {
            running += m.Paid + m.Bonus;
            running.ShouldBeGreaterThanOrEqualTo(0);
        }

        running.ShouldBe(0);
        var entries = await api.Services.GetRequiredService<InvoiceStore>().EntriesAsync("demo", invoiceId);
        entries.Count(e => e.Type == LedgerEntryType.Issued).ShouldBe(1);
        entries.Where(e => e.Tender == Tender.GiftCard).Sum(e => e.Amount).ShouldBe(10_000);
    }

    [Fact]
    public async Task Bonus_value_is_spent_first_and_kept_apart_from_what_was_paid_and_the_report_counts_paid_value()
    {
        var card = await IssueAsync(10_000, bonus: 2_500);
        var code = card["code"]!.GetValue<string>();
        var invoiceId = await SaleAsync(3_000);

        var redeemed = await api.As(Desk).PostAsJsonAsync($"/api/gift-cards/{code}/redeem", new { invoiceId, amount = 3_000, idempotencyKey = "bonus-first-1" });
        var retried = await api.As(Desk).PostAsJsonAsync($"/api/gift-cards/{code}/redeem", new { invoiceId, amount = 3_000, idempotencyKey = "bonus-first-1" });
        var after = await (await api.As(Desk).GetAsync($"/api/gift-cards/{code}")).JsonAsync();
        var report = await api.AsAdmin().GetAsync("/api/gift-cards/report");
        var deskReport = await api.As(Desk).GetAsync("/api/gift-cards/report");

        redeemed.StatusCode.ShouldBe(HttpStatusCode.Created);
        retried.StatusCode.ShouldBe(HttpStatusCode.Created);
        after["bonusBalance"]!.GetValue<long>().ShouldBe(0);
        after["paidBalance"]!.GetValue<long>().ShouldBe(9_500);
        (await redeemed.JsonAsync())["invoice"]!["status"]!.GetValue<string>().ShouldBe("paid");
        report.StatusCode.ShouldBe(HttpStatusCode.OK);
        deskReport.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var months = (await report.JsonAsync())["months"]!.AsArray();
        var month = months.Last()!;
        month["issued"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(10_000);
        month["redeemed"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(500); // paid value only: the other 2,500 was bonus
        month["bonusIssued"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(2_500);
        var before = months.Count > 1 ? months[^2]!["outstanding"]!.GetValue<long>() : 0;
        month["outstanding"]!.GetValue<long>().ShouldBe(before + month["issued"]!.GetValue<long>() - month["redeemed"]!.GetValue<long>() - month["expired"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_refund_of_a_gift_card_payment_gives_the_value_back_to_that_card_once_paid_value_first()
    {
        var card = await IssueAsync(5_000, bonus: 1_000);
        var code = card["code"]!.GetValue<string>();
        var invoiceId = await SaleAsync(4_000);
        var paid = await (await api.As(Desk).PostAsJsonAsync($"/api/gift-cards/{code}/redeem", new { invoiceId, amount = 4_000, idempotencyKey = $"r-{Guid.NewGuid():N}" })).JsonAsync();
        var paymentId = paid["invoice"]!["payments"]!.AsArray().Single()!["id"]!.GetValue<string>();
        async Task<JsonObject> Card() => await (await api.As(Desk).GetAsync($"/api/gift-cards/{code}")).JsonAsync();
        (await Card())["balance"]!.GetValue<long>().ShouldBe(2_000); // the 1,000 bonus went first, then 3,000 paid value

        var refund = new { invoiceId, paymentId, amount = 2_500, reason = "Facial cancelled", idempotencyKey = $"refund-{Guid.NewGuid():N}" };
        var first = await api.As(Desk).PostAsJsonAsync("/api/payments/refund", refund);
        var retried = await api.As(Desk).PostAsJsonAsync("/api/payments/refund", refund);

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retried.StatusCode.ShouldBe(HttpStatusCode.Created);
        var after = await Card();
        after["balance"]!.GetValue<long>().ShouldBe(4_500, "given back once");
        after["paidBalance"]!.GetValue<long>().ShouldBe(4_500, "the paid value comes back first: it is what the clinic owes");
        after["bonusBalance"]!.GetValue<long>().ShouldBe(0);

        // The rest, and no more: the card holds what it held before it paid, bonus included.
        (await api.As(Desk).PostAsJsonAsync("/api/payments/refund", new { invoiceId, paymentId, reason = "The rest", idempotencyKey = $"refund-{Guid.NewGuid():N}" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var whole = await Card();
        (whole["paidBalance"]!.GetValue<long>(), whole["bonusBalance"]!.GetValue<long>()).ShouldBe((5_000L, 1_000L));
        (await api.As(Desk).PostAsJsonAsync("/api/payments/refund", new { invoiceId, paymentId, amount = 1, reason = "Too much", idempotencyKey = $"refund-{Guid.NewGuid():N}" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Card())["balance"]!.GetValue<long>().ShouldBe(6_000);
    }

    [Fact]
    public async Task Balance_checks_are_rate_limited_per_caller()
    {
        var client = api.As($"admin@{ApiHost.Demo}");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < CheckGiftCardBalance.PerMinute + 1; i++)
        {
            statuses.Add((await client.GetAsync($"/api/gift-cards/2222-2222-2222-{i:D4}".Replace("0", "2", StringComparison.Ordinal).Replace("1", "3", StringComparison.Ordinal))).StatusCode);
        }

        statuses.Take(CheckGiftCardBalance.PerMinute).ShouldAllBe(s => s == HttpStatusCode.NotFound);
        statuses.Last().ShouldBe(HttpStatusCode.TooManyRequests);
        (await api.As(DemoPeople.PatientSignIn).GetAsync("/api/gift-cards/2222-2222-2222-2222")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // another caller is not held back
    }

    [Fact]
    public async Task A_transfer_moves_the_whole_value_once_and_an_expired_card_pays_nothing()
    {
        var card = await IssueAsync(5_000, bonus: 500);
        var code = card["code"]!.GetValue<string>();

        var moved = await api.As(Desk).PostAsJsonAsync($"/api/gift-cards/{code}/transfer", new { idempotencyKey = "transfer-lost-card" });
        var again = await api.As(Desk).PostAsJsonAsync($"/api/gift-cards/{code}/transfer", new { idempotencyKey = "transfer-lost-card" });
        var fresh = await moved.JsonAsync();
        var old = await (await api.As(Desk).GetAsync($"/api/gift-cards/{code}")).JsonAsync();
        var @new = await (await api.As(Desk).GetAsync($"/api/gift-cards/{fresh["code"]}")).JsonAsync();

        moved.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        old["balance"]!.GetValue<long>().ShouldBe(0);
        old["transferredTo"]!.GetValue<string>().ShouldBe(fresh["last4"]!.GetValue<string>());
        @new["paidBalance"]!.GetValue<long>().ShouldBe(5_000);
        @new["bonusBalance"]!.GetValue<long>().ShouldBe(500);

        var expiring = await IssueAsync(5_000, expiresOn: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd"));
        var invoiceId = await SaleAsync(2_000);
        var desk = api.As(Desk);
        using (api.Clock.At(DateTimeOffset.UtcNow.AddDays(3)))
        {
            var before = api.Snapshot();
            var late = await desk.PostAsJsonAsync($"/api/gift-cards/{expiring["code"]}/redeem", new { invoiceId, amount = 1_000, idempotencyKey = "late-redemption" });
            late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            api.Snapshot().ShouldBe(before);
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        var card = await IssueAsync(5_000);
        var desk = api.As(Desk);
        var before = api.Snapshot();

        var answers = new[]
        {
            await desk.PostAsJsonAsync("/api/gift-cards", new { amount = -5, currency = "USD", idempotencyKey = "bad-amount-1" }),
            await desk.PostAsync("/api/gift-cards", new StringContent("""{"amount":50.5,"currency":"USD","idempotencyKey":"bad-amount-2"}""", System.Text.Encoding.UTF8, "application/json")),
            await desk.PostAsJsonAsync("/api/gift-cards", new { amount = 5_000, currency = "dollars", idempotencyKey = "bad-currency" }),
            await desk.PostAsJsonAsync("/api/gift-cards", new { amount = 5_000, currency = "USD", expiresOn = "2020-01-01", idempotencyKey = "bad-expiry" }),
            await desk.PostAsJsonAsync("/api/gift-cards", new { amount = 5_000, currency = "USD", recipientEmail = "not-an-email", idempotencyKey = "bad-email" }),
            await desk.PostAsJsonAsync($"/api/gift-cards/{card["code"]}/reload", new { amount = 1_000_000, idempotencyKey = "too-much-1" }),
            await desk.PostAsJsonAsync($"/api/gift-cards/{card["code"]}/redeem", new { invoiceId = "invoice-none", amount = 100, idempotencyKey = "x" }),
        };

        answers.Take(6).ShouldAllBe(a => a.StatusCode == HttpStatusCode.BadRequest);
        answers.Last().StatusCode.ShouldBe(HttpStatusCode.BadRequest); // the key is too short, whatever the invoice
        api.Snapshot().ShouldBe(before);
    }
}
