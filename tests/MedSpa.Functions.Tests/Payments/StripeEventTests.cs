using MedSpa.Core.Billing;
using MedSpa.Core.Notifications;

namespace MedSpa.Functions.Tests.Payments;

/// <summary>
/// Stripe's other events: a refund made in Stripe's dashboard reaches the invoice's ledger once (MedSpa's own refunds
/// are not counted twice); a dispute tells the clinic's admins; card and customer events are acknowledged.
/// </summary>
public sealed class StripeEventTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Desk = DemoPeople.DeskSignIn;

    /// <summary>A sale of <paramref name="amount"/> paid in full by card (the page's card form, Stripe's webhook).</summary>
    private async Task<(string InvoiceId, string PaymentIntentId)> PaidByCardAsync(long amount, string card = "4242 4242 4242 4242")
    {
        var patient = await api.NewPatientAsync("Stella", "Stripe");
        var id = (await (await api.As(Desk).PostAsJsonAsync("/api/invoices", new { patientId = patient })).JsonAsync())["id"]!.GetValue<string>();
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/invoices/{id}")
        {
            Content = JsonContent.Create(new { lines = new[] { new { id = "peel", kind = "other", description = "Chemical peel", quantity = 1, unitPrice = amount, taxable = false } } }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", (await api.As(Desk).GetAsync($"/api/invoices/{id}")).Headers.ETag!.Tag);
        (await api.As(Desk).SendAsync(put)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var opened = (await (await api.As(Desk).PostAsJsonAsync("/api/payments", new { invoiceId = id, tender = "card", amount, idempotencyKey = Guid.NewGuid().ToString() })).JsonAsync())["card"]!;
        var pi = opened["paymentId"]!.GetValue<string>();
        (await api.ConfirmWithCardAsync(pi, opened["clientSecret"]!.GetValue<string>(), card)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.StripeWebhooks.DrainAsync();
        return (id, pi);
    }

    private async Task<JsonObject> InvoiceAsync(string id) => await (await api.As(Desk).GetAsync($"/api/invoices/{id}")).JsonAsync();

    [Fact]
    public async Task A_refund_made_in_Stripes_dashboard_reaches_the_invoice_once_and_MedSpas_own_refunds_are_not_counted_twice()
    {
        var (invoiceId, pi) = await PaidByCardAsync(20_000);
        var paymentId = (await InvoiceAsync(invoiceId))["payments"]!.AsArray().Single()!["id"]!.GetValue<string>();

        // At the desk: $50 back through MedSpa (recorded as it is made; Stripe's charge.refunded for it adds nothing).
        (await api.As(Desk).PostAsJsonAsync("/api/payments/refund", new { invoiceId, paymentId, amount = 5_000, reason = "Goodwill", idempotencyKey = Guid.NewGuid().ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.StripeWebhooks.DrainAsync();
        (await InvoiceAsync(invoiceId))["totals"]!["refunded"]!.GetValue<long>().ShouldBe(5_000);

        // In Stripe's dashboard: $30 more, its events delivered three times each.
        api.StripeWebhooks.Copies = 3;
        try
        {
            var dashboard = await api.StripeServer().PostAsync("/v1/refunds", new FormUrlEncodedContent(new Dictionary<string, string> { ["payment_intent"] = pi, ["amount"] = "3000" }));
            dashboard.StatusCode.ShouldBe(HttpStatusCode.OK, await dashboard.Content.ReadAsStringAsync());
            await api.StripeWebhooks.DrainAsync();
        }
        finally
        {
            api.StripeWebhooks.Copies = 1;
        }

        var invoice = await InvoiceAsync(invoiceId);
        invoice["totals"]!["refunded"]!.GetValue<long>().ShouldBe(8_000);
        invoice["payments"]!.AsArray().Single()!["refundable"]!.GetValue<long>().ShouldBe(12_000);
        var entries = await api.Services.GetRequiredService<InvoiceStore>().EntriesAsync("demo", invoiceId);
        var fromStripe = entries.Where(e => e.Type == LedgerEntryType.Refund && e.Key!.StartsWith("stripe-refund:", StringComparison.Ordinal)).ShouldHaveSingleItem();
        fromStripe.Amount.ShouldBe(3_000);
        fromStripe.Note.ShouldBe("Refunded in Stripe's dashboard");
        entries.SelectMany(e => e.Postings).Sum(p => p.Amount).ShouldBe(0);
        api.StripeWebhooks.Log.Where(l => l.Type == "charge.refunded").ShouldAllBe(l => l.Status == 200);
    }

    [Fact]
    public async Task A_disputed_payment_tells_every_admin_once_with_what_and_by_when()
    {
        api.StripeWebhooks.Copies = 2;
        string pi;
        try
        {
            (_, pi) = await PaidByCardAsync(12_500, card: "4000 0000 0000 0259");
        }
        finally
        {
            api.StripeWebhooks.Copies = 1;
        }

        var dispute = api.StripeWebhooks.Log.Where(l => l.Type == "charge.dispute.created").Select(l => l.EventId).Distinct().ShouldHaveSingleItem();
        var disputeId = api.StripeFake.Find(dispute)!["data"]!["object"]!["id"]!.GetValue<string>();
        var admins = (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Staff.Where(s => s.Role == StaffRole.Admin && !s.Deleted).ToList();
        admins.ShouldNotBeEmpty();
        foreach (var admin in admins)
        {
            var notice = (await api.Services.GetRequiredService<StaffNoticeStore>().GetAsync("demo", $"{disputeId}:{admin.Id}")).ShouldNotBeNull();
            notice.Subject.ShouldBe("A card payment of 125.00 USD is disputed");
            notice.Body.ShouldContain(pi);
            notice.Body.ShouldContain("within 7 days");
        }

        api.StripeWebhooks.Log.Where(l => l.Type == "charge.dispute.created").ShouldAllBe(l => l.Status == 200);
    }

    [Fact]
    public async Task Card_and_customer_events_are_acknowledged_and_change_nothing_here()
    {
        var patient = api.As(DemoPeople.PatientSignIn);
        var saving = await (await patient.PostAsJsonAsync("/api/payments/methods", new { patientId = DemoPeople.PatientId, idempotencyKey = Guid.NewGuid().ToString() })).JsonAsync();
        var secret = saving["clientSecret"]!.GetValue<string>();
        var setupIntent = secret[..secret.IndexOf("_secret_", StringComparison.Ordinal)];
        var method = await (await api.StripeBrowser().PostAsync("/v1/payment_methods", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["type"] = "card", ["card[number]"] = "4242424242424242", ["card[exp_month]"] = "12", ["card[exp_year]"] = "2031", ["card[cvc]"] = "123",
        }))).JsonAsync();
        (await api.StripeBrowser().PostAsync($"/v1/setup_intents/{setupIntent}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["payment_method"] = method["id"]!.GetValue<string>(), ["client_secret"] = secret,
        }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.StripeWebhooks.DrainAsync();
        var before = api.Snapshot();
        var logged = api.StripeWebhooks.Log.Count;

        (await api.StripeServer().PostAsync($"/v1/payment_methods/{method["id"]}/detach", new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.StripeWebhooks.DrainAsync();

        api.StripeWebhooks.Log.Where(l => l.Type is "setup_intent.succeeded" or "payment_method.detached").ShouldNotBeEmpty();
        api.StripeWebhooks.Log.ShouldAllBe(l => l.Status == 200);
        api.Snapshot().Where(row => !row.StartsWith("payments/demo/event-", StringComparison.Ordinal))
            .ShouldBe(before.Where(row => !row.StartsWith("payments/demo/event-", StringComparison.Ordinal)));
        api.StripeWebhooks.Log.Count.ShouldBeGreaterThan(logged);
    }
}
