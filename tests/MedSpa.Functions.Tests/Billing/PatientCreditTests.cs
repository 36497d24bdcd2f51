namespace MedSpa.Functions.Tests.Billing;

/// <summary>
/// A patient's account credit: a refund given as credit (no money leaves the clinic), credit spent at checkout and never
/// below zero however many payments at once, a refund of a credit payment given back as credit, goodwill credit from an
/// admin only; read by the desk, admins and the patient themself.
/// </summary>
public sealed class PatientCreditTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Desk = DemoPeople.DeskSignIn;

    private async Task<string> SaleAsync(string patientId, long total)
    {
        var id = (await (await api.As(Desk).PostAsJsonAsync("/api/invoices", new { patientId })).JsonAsync())["id"]!.GetValue<string>();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/invoices/{id}")
        {
            Content = JsonContent.Create(new { lines = new[] { new { id = "kit", kind = "other", description = "Peel kit", quantity = 1, unitPrice = total, taxable = false } } }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", (await api.As(Desk).GetAsync($"/api/invoices/{id}")).Headers.ETag!.Tag);
        (await api.As(Desk).SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    private Task<HttpResponseMessage> PayAsync(string invoiceId, string tender, long amount, string? key = null) =>
        api.As(Desk).PostAsJsonAsync("/api/payments", new { invoiceId, tender, amount, idempotencyKey = key ?? Guid.NewGuid().ToString() });

    private async Task<long> BalanceAsync(string patientId) =>
        (await (await api.As(Desk).GetAsync($"/api/patients/{patientId}/credit")).JsonAsync())["balance"]!.GetValue<long>();

    [Fact]
    public async Task A_refund_given_as_credit_is_spent_at_checkout_never_below_zero_and_a_refund_of_it_comes_back_as_credit()
    {
        var patient = await api.NewPatientAsync("Cora", "Credit");
        var first = await SaleAsync(patient, 6_000);
        var cash = await (await PayAsync(first, "cash", 6_000)).JsonAsync();
        var refund = new { invoiceId = first, paymentId = cash["paymentId"]!.GetValue<string>(), amount = 5_000, reason = "Unopened kit returned", idempotencyKey = $"r-{Guid.NewGuid():N}", asCredit = true };
        var given = await api.As(Desk).PostAsJsonAsync("/api/payments/refund", refund);
        given.StatusCode.ShouldBe(HttpStatusCode.Created, await given.Content.ReadAsStringAsync());
        (await api.As(Desk).PostAsJsonAsync("/api/payments/refund", refund)).StatusCode.ShouldBe(HttpStatusCode.Created); // retried: once
        (await BalanceAsync(patient)).ShouldBe(5_000);
        var refunded = await (await api.As(Desk).GetAsync($"/api/invoices/{first}")).JsonAsync();
        refunded["refunds"]!.AsArray().Single()!["tender"]!.GetValue<string>().ShouldBe("credit");

        // Ten payments of 10.00 at once on 50.00 of credit: five are taken, the credit never goes below zero.
        var second = await SaleAsync(patient, 20_000);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PayAsync(second, "credit", 1_000)));
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(5, string.Join("\n", await Task.WhenAll(answers.Select(async a => $"{(int)a.StatusCode} {await a.Content.ReadAsStringAsync()}"))));
        answers.Where(a => a.StatusCode != HttpStatusCode.Created).ShouldAllBe(a => a.StatusCode == HttpStatusCode.BadRequest);
        (await BalanceAsync(patient)).ShouldBe(0);
        var paid = await (await api.As(Desk).GetAsync($"/api/invoices/{second}")).JsonAsync();
        paid["totals"]!["paid"]!.GetValue<long>().ShouldBe(5_000);

        var before = api.Snapshot();
        await (await PayAsync(second, "credit", 100)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "amount");
        api.Snapshot().ShouldBe(before);

        // A credit payment refunded goes back to credit.
        var creditPayment = paid["payments"]!.AsArray().First(p => p!["tender"]!.GetValue<string>() == "credit")!["id"]!.GetValue<string>();
        (await api.As(Desk).PostAsJsonAsync("/api/payments/refund", new { invoiceId = second, paymentId = creditPayment, reason = "Wrong item", idempotencyKey = $"r-{Guid.NewGuid():N}" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await BalanceAsync(patient)).ShouldBe(1_000);
        var movements = (await (await api.As(Desk).GetAsync($"/api/patients/{patient}/credit")).JsonAsync())["movements"]!.AsArray();
        movements.Select(m => m!["type"]!.GetValue<string>()).ShouldBe(["granted", "spent", "spent", "spent", "spent", "spent", "returned"]);
    }

    [Fact]
    public async Task Goodwill_credit_is_an_admins_and_credit_is_read_by_the_patient_the_desk_and_admins_only()
    {
        var other = await api.NewPatientAsync("Otto", "Other");
        var grant = new { amount = 2_500, reason = "Waited 40 minutes", idempotencyKey = $"g-{Guid.NewGuid():N}" };
        var before = api.Snapshot();

        (await api.As(Desk).PostAsJsonAsync($"/api/patients/{DemoPeople.PatientId}/credit", grant)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.As(DemoPeople.PatientSignIn).PostAsJsonAsync($"/api/patients/{DemoPeople.PatientId}/credit", grant)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        foreach (var (bad, field) in new (object Body, string Field)[]
        {
            (new { amount = -100, reason = "x", idempotencyKey = "g-bad-0001" }, "amount"),
            (new { amount = 0, reason = "x", idempotencyKey = "g-bad-0002" }, "amount"),
            (new { amount = 100, reason = "", idempotencyKey = "g-bad-0003" }, "reason"),
            (new { amount = 100, reason = "two\nlines", idempotencyKey = "g-bad-0004" }, "reason"),
        })
        {
            await (await api.AsAdmin().PostAsJsonAsync($"/api/patients/{DemoPeople.PatientId}/credit", bad)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        }

        (await api.AsAdmin().PostAsync($"/api/patients/{DemoPeople.PatientId}/credit", new StringContent("{\"amount\": 12.5, \"reason\": \"x\", \"idempotencyKey\": \"g-bad-0005\"}", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.AsAdmin().PostAsJsonAsync("/api/patients/patient-nobody/credit", grant)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.Snapshot().ShouldBe(before);

        (await api.AsAdmin().PostAsJsonAsync($"/api/patients/{DemoPeople.PatientId}/credit", grant)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await api.AsAdmin().PostAsJsonAsync($"/api/patients/{DemoPeople.PatientId}/credit", grant);
        var mine = await api.As(DemoPeople.PatientSignIn).GetAsync($"/api/patients/{DemoPeople.PatientId}/credit");

        (await again.JsonAsync())["balance"]!.GetValue<long>().ShouldBe(2_500, "granted once per key");
        mine.StatusCode.ShouldBe(HttpStatusCode.OK);
        var credit = await mine.JsonAsync();
        credit["balance"]!.GetValue<long>().ShouldBe(2_500);
        credit["movements"]!.AsArray().Single()!["reason"]!.GetValue<string>().ShouldBe("Waited 40 minutes");
        (await api.As(DemoPeople.PatientSignIn).GetAsync($"/api/patients/{other}/credit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.As(DemoPeople.InjectorSignIn).GetAsync($"/api/patients/{DemoPeople.PatientId}/credit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Patients pay online by card only: credit is applied at the desk.
        var invoice = await SaleAsync(DemoPeople.PatientId, 1_000);
        (await api.As(DemoPeople.PatientSignIn).PostAsJsonAsync("/api/payments", new { invoiceId = invoice, tender = "credit", amount = 1_000, idempotencyKey = Guid.NewGuid().ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
