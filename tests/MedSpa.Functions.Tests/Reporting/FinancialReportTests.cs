namespace MedSpa.Functions.Tests.Reporting;

/// <summary>
/// GET /api/reports/financial: what the ledger says was sold and taken over a range of the clinic's days — net sales,
/// tax, tips, payments and refunds by tender, the money that came in — for admins only, with its inputs checked.
/// </summary>
public sealed class FinancialReportTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Desk = DemoPeople.DeskSignIn;

    private async Task<string> SaleAsync(object[] lines, object[]? tips = null)
    {
        var patient = await api.NewPatientAsync("Rita", "Report");
        var created = await (await api.As(Desk).PostAsJsonAsync("/api/invoices", new { patientId = patient })).JsonAsync();
        var id = created["id"]!.GetValue<string>();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/invoices/{id}") { Content = JsonContent.Create(new { lines, tips = tips ?? [] }) };
        request.Headers.TryAddWithoutValidation("If-Match", (await api.As(Desk).GetAsync($"/api/invoices/{id}")).Headers.ETag!.Tag);
        (await api.As(Desk).SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    private async Task<long> TotalAsync(string id) => (await (await api.As(Desk).GetAsync($"/api/invoices/{id}")).JsonAsync())["totals"]!["total"]!.GetValue<long>();

    private async Task<JsonObject> PayAsync(string invoiceId, string tender, long amount) =>
        await (await api.As(Desk).PostAsJsonAsync("/api/payments", new { invoiceId, tender, amount, idempotencyKey = Guid.NewGuid().ToString() })).JsonAsync();

    [Fact]
    public async Task The_report_adds_up_the_ledger_by_tender_and_by_day()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(
            (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).MainLocation!.TimeZone)).DateTime).ToString("yyyy-MM-dd");
        var before = await (await api.AsAdmin().GetAsync($"/api/reports/financial?from={today}&to={today}")).JsonAsync();

        // A taxed serum paid in cash; a service with a tip paid by card, then $20 of it refunded.
        var serum = await SaleAsync([new { id = "serum", kind = "retail", description = "Vitamin C serum", quantity = 1, unitPrice = 10_000, taxable = true, productId = (string?)null }]);
        await PayAsync(serum, "cash", await TotalAsync(serum));
        var staffId = (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Staff.First(s => s.Role == StaffRole.Practitioner).Id;
        var facial = await SaleAsync([new { id = "facial", kind = "other", description = "Facial", quantity = 1, unitPrice = 15_000, taxable = false, practitionerId = staffId }], [new { practitionerId = staffId, amount = 3_000 }]);
        var card = (await PayAsync(facial, "card", 18_000))["card"]!;
        (await api.ConfirmWithCardAsync(card["paymentId"]!.GetValue<string>(), card["clientSecret"]!.GetValue<string>(), "4242 4242 4242 4242")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.StripeWebhooks.DrainAsync();
        var paymentId = (await (await api.As(Desk).GetAsync($"/api/invoices/{facial}")).JsonAsync())["payments"]!.AsArray().Single()!["id"]!.GetValue<string>();
        (await api.As(Desk).PostAsJsonAsync("/api/payments/refund", new { invoiceId = facial, paymentId, amount = 2_000, reason = "Goodwill", idempotencyKey = Guid.NewGuid().ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await api.AsAdmin().GetAsync($"/api/reports/financial?from={today}&to={today}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await response.JsonAsync();
        long Delta(params string[] path)
        {
            JsonNode? a = after, b = before;
            foreach (var p in path)
            {
                a = a?[p];
                b = b?[p];
            }

            return (a?.GetValue<long>() ?? 0) - (b?.GetValue<long>() ?? 0);
        }

        Delta("invoicesIssued").ShouldBe(2);
        Delta("netSales").ShouldBe(25_000);
        Delta("tax").ShouldBe(888); // 8.875 % of the serum's 100.00, to the cent: a sale is at the main location, SoHo
        Delta("tips").ShouldBe(3_000);
        Delta("invoiced").ShouldBe(28_888);
        Delta("payments", "cash").ShouldBe(10_888);
        Delta("payments", "card").ShouldBe(18_000);
        Delta("payments", "total").ShouldBe(28_888);
        Delta("refunds", "card").ShouldBe(2_000);
        Delta("moneyIn").ShouldBe(26_888);
        after["currency"]!.GetValue<string>().ShouldBe("USD");
        var day = after["days"]!.AsArray().Single(d => d!["date"]!.GetValue<string>() == today)!;
        day["refunds"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(2_000);
    }

    [Fact]
    public async Task A_sale_voided_on_its_day_adds_no_sales_no_tax_and_no_money()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(
            (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).MainLocation!.TimeZone)).DateTime).ToString("yyyy-MM-dd");
        var before = await (await api.AsAdmin().GetAsync($"/api/reports/financial?from={today}&to={today}")).JsonAsync();

        var sale = await SaleAsync([new { id = "serum", kind = "retail", description = "Vitamin C serum", quantity = 1, unitPrice = 4_000, taxable = true, productId = (string?)null }]);
        await PayAsync(sale, "cash", await TotalAsync(sale));
        (await api.AsAdmin().PostAsJsonAsync($"/api/invoices/{sale}/void", new { reason = "Rang up twice", idempotencyKey = Guid.NewGuid().ToString() })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await (await api.AsAdmin().GetAsync($"/api/reports/financial?from={today}&to={today}")).JsonAsync();
        long Delta(string field) => after[field]!.GetValue<long>() - before[field]!.GetValue<long>();
        Delta("invoicesIssued").ShouldBe(1);
        Delta("invoicesVoided").ShouldBe(1);
        foreach (var field in new[] { "netSales", "tax", "tips", "invoiced", "moneyIn" })
        {
            Delta(field).ShouldBe(0, field);
        }
    }

    [Fact]
    public async Task Only_admins_read_it_and_bad_ranges_are_refused_with_the_field()
    {
        var clinicSetup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var location = clinicSetup.Locations.First(l => l.Id != clinicSetup.MainLocation!.Id).Id;

        (await api.As(Desk).GetAsync("/api/reports/financial?from=2026-12-01&to=2026-12-01")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.As(DemoPeople.PatientSignIn).GetAsync("/api/reports/financial?from=2026-12-01&to=2026-12-01")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.As(DemoPeople.InjectorSignIn).GetAsync("/api/reports/financial?from=2026-12-01&to=2026-12-01")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Anonymous().GetAsync("/api/reports/financial?from=2026-12-01&to=2026-12-01")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        foreach (var (query, field) in new[]
        {
            ("from=2026-12-02&to=2026-12-01", "to"),
            ("from=2025-01-01&to=2026-12-31", "to"),
            ("from=yesterday&to=2026-12-01", "from"),
            ("from=2026-02-30&to=2026-12-01", "from"),
            ("from=2026-12-01", "to"),
            ("from=1999-12-31&to=2000-01-01", "from"),
            ($"from=2026-12-01&to=2026-12-01&locationId=location-nowhere", "locationId"),
            ("from=2026-12-01%00&to=2026-12-01", "from"),
        })
        {
            var refused = await api.AsAdmin().GetAsync($"/api/reports/financial?{query}");
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            (await refused.JsonAsync())["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(query);
        }

        // A location's report counts only its invoices: a sale at the desk is at the clinic's main location, not this one.
        var sale = await SaleAsync([new { id = "x", kind = "other", description = "Gift wrap", quantity = 1, unitPrice = 500, taxable = false }]);
        await PayAsync(sale, "cash", 500);
        var clinic = await (await api.AsAdmin().GetAsync($"/api/reports/financial?from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}")).JsonAsync();
        var atLocation = await (await api.AsAdmin().GetAsync($"/api/reports/financial?from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}&locationId={location}")).JsonAsync();
        clinic["payments"]!["cash"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(500);
        atLocation["locationId"]!.GetValue<string>().ShouldBe(location);
        (atLocation["payments"]!["cash"]?.GetValue<long>() ?? 0).ShouldBe(0);
    }
}
