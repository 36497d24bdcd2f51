using MedSpa.Core.Billing;

namespace MedSpa.Functions.Tests.Billing;

/// <summary>
/// Checkout through the API: a completed visit opens its invoice; the desk adds neurotoxin units and a retail product,
/// discounts, tips, and takes split payments (cash with change, card through Stripe's fake); refunds go back to the
/// tender within the desk's limit; a patient reads and pays only their own invoice.
/// </summary>
public sealed class CheckoutApiTests(ApiHost api) : IClassFixture<ApiHost>, IAsyncLifetime
{
    private const string Desk = $"frontdesk@{ApiHost.Demo}";

    public Task InitializeAsync() => PutBillingAsync([new { id = "ny", name = "NY sales tax", percent = 8.875m }]);

    private async Task PutBillingAsync(object[] taxRates)
    {
        var current = await api.AsAdmin().GetAsync("/api/clinic/billing");
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/clinic/billing")
        {
            Content = JsonContent.Create(new
            {
                taxRates,
                products = new object[]
                {
                    new { id = "botox", name = "Botox", kind = "neurotoxin", price = new { amount = 1_400, currency = "USD" }, taxable = false },
                    new { id = "serum", name = "Vitamin C serum", kind = "retail", price = new { amount = 8_900, currency = "USD" }, taxable = true },
                },
                membershipPlans = Array.Empty<object>(),
                deskRefundLimit = 5_000,
            }),
        };
        if (current.Headers.ETag is { } etag && etag.Tag != "\"\"")
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag.Tag);
        }

        (await api.AsAdmin().SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A Signature facial the patient has had: booked, arrived and completed (on its day, by the desk).</summary>
    private async Task<Core.Booking.Appointment> CompletedVisitAsync(string patientId, int dayOffset = 1)
    {
        var visit = await api.BookFirstFreeAsync("demo", patientId, "Signature facial", dayOffset);
        var desk = api.As(Desk); // signed in before the clock moves (sign-ins are checked on the real clock)
        using (api.Clock.At(visit.StartTime.AddMinutes(5)))
        {
            (await desk.PostAsJsonAsync($"/api/appointments/{visit.Id}/status", new { status = "arrived" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await desk.PostAsJsonAsync($"/api/appointments/{visit.Id}/status", new { status = "completed", overrideReason = "Forms on paper." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        return visit;
    }

    private async Task<(JsonObject Invoice, string ETag)> OpenAsync(string appointmentId)
    {
        var opened = await api.As(Desk).PostAsJsonAsync("/api/invoices", new { appointmentId });
        opened.StatusCode.ShouldBe(HttpStatusCode.OK, "completing the visit opened it already");
        return (await opened.JsonAsync(), opened.Headers.ETag!.Tag);
    }

    private static object Draft(string practitionerId, object? discount = null, long tip = 0, long facial = 15_000) => new
    {
        lines = new object[]
        {
            new { id = "service", kind = "service", description = "Signature facial", quantity = 1, unitPrice = facial, taxable = false, practitionerId },
            new { id = "botox", kind = "neurotoxin", description = "Botox", quantity = 20, unitPrice = 1_400, taxable = false, productId = "botox", practitionerId },
            new { id = "serum", kind = "retail", description = "Vitamin C serum", quantity = 1, unitPrice = 8_900, taxable = true, productId = "serum" },
        },
        discount,
        tips = tip > 0 ? new[] { new { practitionerId, amount = tip } } : [],
        notes = "Checked out at the desk.",
    };

    private async Task<HttpResponseMessage> PutAsync(HttpClient client, string id, string etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/invoices/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PayAsync(HttpClient client, string invoiceId, string tender, long amount, long? tendered = null, string? key = null) =>
        client.PostAsJsonAsync("/api/payments", new { invoiceId, tender, amount, tendered, idempotencyKey = key ?? Guid.NewGuid().ToString() });

    [Fact]
    public async Task The_desk_checks_out_a_visit_with_units_a_product_a_discount_and_a_tip_then_cash_and_card_then_a_partial_refund()
    {
        var visit = await CompletedVisitAsync(await api.NewPatientAsync("Paula", "Checkout"));
        var (opened, etag) = await OpenAsync(visit.Id);
        opened["status"]!.GetValue<string>().ShouldBe("draft");
        opened["invoiceNumber"]!.GetValue<string>().ShouldStartWith("INV-");
        var facial = opened["lines"]!.AsArray().Single()!["unitPrice"]!.GetValue<long>(); // the service's price, from the clinic's setup
        facial.ShouldBe((await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Services.Single(s => s.Name == "Signature facial").Price.Amount);
        var id = opened["id"]!.GetValue<string>();

        var edited = await PutAsync(api.As(Desk), id, etag, Draft(visit.PractitionerId, new { kind = "percent", value = 10, reason = "First visit" }, tip: 2_000, facial));
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var invoice = await edited.JsonAsync();
        var totals = invoice["totals"]!;
        // facial + 20 × 1,400 + 8,900; 10 % off, shared over the lines (the serum's share is 890); tax on 8,010 = 710.89 → 711.
        var subtotal = facial + 28_000 + 8_900;
        totals["subtotal"]!.GetValue<long>().ShouldBe(subtotal);
        totals["discounts"]!.GetValue<long>().ShouldBe(InvoiceTotals.Round(subtotal * 0.10m));
        invoice["lines"]!.AsArray().Single(l => l!["id"]!.GetValue<string>() == "serum")!["discountTotal"]!.GetValue<long>().ShouldBe(890);
        totals["tax"]!.GetValue<long>().ShouldBe(711);
        totals["tips"]!.GetValue<long>().ShouldBe(2_000);
        totals["total"]!.GetValue<long>().ShouldBe(subtotal - InvoiceTotals.Round(subtotal * 0.10m) + 711 + 2_000);
        var total = totals["total"]!.GetValue<long>();

        var cash = await PayAsync(api.As(Desk), id, "cash", 20_000, tendered: 20_500);
        cash.StatusCode.ShouldBe(HttpStatusCode.Created, await cash.Content.ReadAsStringAsync());
        var afterCash = await cash.JsonAsync();
        afterCash["change"]!.GetValue<long>().ShouldBe(500);
        afterCash["invoice"]!["status"]!.GetValue<string>().ShouldBe("partial");
        afterCash["invoice"]!["totals"]!["balance"]!.GetValue<long>().ShouldBe(total - 20_000);

        var card = await (await PayAsync(api.As(Desk), id, "card", total - 20_000)).JsonAsync();
        (await api.ConfirmWithCardAsync(card["card"]!["paymentId"]!.GetValue<string>(), card["card"]!["clientSecret"]!.GetValue<string>(), "4242 4242 4242 4242"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.StripeWebhooks.DrainAsync();
        var paid = await (await api.As(Desk).GetAsync($"/api/invoices/{id}")).JsonAsync();
        paid["status"]!.GetValue<string>().ShouldBe("paid");
        paid["totals"]!["balance"]!.GetValue<long>().ShouldBe(0);
        var cardPayment = paid["payments"]!.AsArray().Single(p => p!["tender"]!.GetValue<string>() == "card")!;

        var tooMuchForTheDesk = await api.As(Desk).PostAsJsonAsync("/api/payments/refund", new { invoiceId = id, paymentId = cardPayment["id"]!.GetValue<string>(), amount = 8_000, reason = "Serum returned", idempotencyKey = Guid.NewGuid().ToString() });
        var partial = await api.As(Desk).PostAsJsonAsync("/api/payments/refund", new { invoiceId = id, paymentId = cardPayment["id"]!.GetValue<string>(), amount = 4_000, reason = "Serum returned", idempotencyKey = "refund-serum-1" });
        var retried = await api.As(Desk).PostAsJsonAsync("/api/payments/refund", new { invoiceId = id, paymentId = cardPayment["id"]!.GetValue<string>(), amount = 4_000, reason = "Serum returned", idempotencyKey = "refund-serum-1" });
        var byAdmin = await api.AsAdmin().PostAsJsonAsync("/api/payments/refund", new { invoiceId = id, paymentId = cardPayment["id"]!.GetValue<string>(), amount = 8_000, reason = "Goodwill", idempotencyKey = Guid.NewGuid().ToString() });

        tooMuchForTheDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        partial.StatusCode.ShouldBe(HttpStatusCode.Created);
        retried.StatusCode.ShouldBe(HttpStatusCode.Created);
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.Created);
        var refunded = await (await api.As(Desk).GetAsync($"/api/invoices/{id}")).JsonAsync();
        refunded["totals"]!["refunded"]!.GetValue<long>().ShouldBe(12_000); // the retry refunded nothing more
        refunded["refunds"]!.AsArray().Count.ShouldBe(2);
        var pi = api.StripeFake.Find(cardPayment["reference"]!.GetValue<string>())!;
        api.StripeFake.Find(pi["latest_charge"]!.GetValue<string>())!["amount_refunded"]!.GetValue<long>().ShouldBe(12_000);

        var entries = await api.Services.GetRequiredService<InvoiceStore>().EntriesAsync("demo", id);
        entries.SelectMany(e => e.Postings).Sum(p => p.Amount).ShouldBe(0);
    }

    [Fact]
    public async Task Each_location_charges_its_own_sales_tax_and_a_rate_for_no_location_is_charged_everywhere()
    {
        var setup = await api.Services.GetRequiredService<Core.Setup.ClinicSetupStore>().LoadAsync("demo");
        var soho = setup.Locations.Single(l => l.Name == "SoHo").Id;
        var venice = setup.Locations.Single(l => l.Name == "Venice").Id;
        await PutBillingAsync(
        [
            new { id = "ny", name = "NY sales tax", percent = 8.875m, locationIds = new[] { soho } },
            new { id = "ca", name = "CA sales tax", percent = 9.5m, locationIds = new[] { venice } },
            new { id = "spa", name = "Spa levy", percent = 1m, locationIds = (string[]?)null },
        ]);
        var patient = await api.NewPatientAsync("Tara", "Taxes");
        var desk = api.As(Desk);

        async Task<string[]> RatesOf(HttpResponseMessage opened)
        {
            opened.StatusCode.ShouldBe(HttpStatusCode.Created);
            var invoice = await opened.JsonAsync();
            return [.. invoice["taxRates"]!.AsArray().Select(r => (string)r!["id"]!)];
        }

        (await RatesOf(await desk.PostAsJsonAsync("/api/invoices", new { patientId = patient, locationId = venice }))).ShouldBe(["ca", "spa"]);
        (await RatesOf(await desk.PostAsJsonAsync("/api/invoices", new { patientId = patient, locationId = soho }))).ShouldBe(["ny", "spa"]);
        (await RatesOf(await desk.PostAsJsonAsync("/api/invoices", new { patientId = patient }))).ShouldBe(["ny", "spa"], "a sale with no location is at the clinic's first");

        var visit = await CompletedVisitAsync(await api.NewPatientAsync("Vera", "Visit"), dayOffset: 8);
        var (visitInvoice, _) = await OpenAsync(visit.Id);
        visitInvoice["taxRates"]!.AsArray().Select(r => (string)r!["id"]!).ShouldBe([visit.LocationId == soho ? "ny" : "ca", "spa"], "a visit's invoice is at its location");

        // Refused, and no invoice number is taken by the refusal.
        var before = api.StoredDocuments().Count(d => d.Contains("\"kind\":\"invoice\"", StringComparison.Ordinal));
        await (await desk.PostAsJsonAsync("/api/invoices", new { patientId = patient, locationId = "location-nowhere" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "locationId");
        await (await desk.PostAsJsonAsync("/api/invoices", new { appointmentId = visit.Id, locationId = venice })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "locationId");
        api.StoredDocuments().Count(d => d.Contains("\"kind\":\"invoice\"", StringComparison.Ordinal)).ShouldBe(before);

        var badRates = await api.AsAdmin().GetAsync("/api/clinic/billing");
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/clinic/billing")
        {
            Content = JsonContent.Create(new { taxRates = new[] { new { id = "ny", name = "NY", percent = 8m, locationIds = new[] { soho, soho } } }, products = Array.Empty<object>(), membershipPlans = Array.Empty<object>(), deskRefundLimit = 100 }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", badRates.Headers.ETag!.Tag);
        await (await api.AsAdmin().SendAsync(put)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "taxRates[0].locationIds");
    }

    /// <summary>A sale of <paramref name="total"/> (untaxed) to a new patient, as a draft.</summary>
    private async Task<string> SaleAsync(long total)
    {
        var id = (await (await api.As(Desk).PostAsJsonAsync("/api/invoices", new { patientId = await api.NewPatientAsync("Vida", "Void") })).JsonAsync())["id"]!.GetValue<string>();
        var etag = (await api.As(Desk).GetAsync($"/api/invoices/{id}")).Headers.ETag!.Tag;
        (await PutAsync(api.As(Desk), id, etag, new { lines = new[] { new { id = "kit", kind = "other", description = "Peel kit", quantity = 1, unitPrice = total, taxable = false } } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task An_invoice_voided_on_its_day_gives_every_payment_back_and_reverses_its_charges_once()
    {
        var id = await SaleAsync(4_000);
        (await PayAsync(api.As(Desk), id, "cash", 1_500)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var card = await (await PayAsync(api.As(Desk), id, "card", 2_500)).JsonAsync();
        (await api.ConfirmWithCardAsync(card["card"]!["paymentId"]!.GetValue<string>(), card["card"]!["clientSecret"]!.GetValue<string>(), "4242 4242 4242 4242"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.StripeWebhooks.DrainAsync();
        var paid = await (await api.As(Desk).GetAsync($"/api/invoices/{id}")).JsonAsync();
        paid["status"]!.GetValue<string>().ShouldBe("paid");

        var body = new { reason = "Rang up the wrong patient", idempotencyKey = $"void-{Guid.NewGuid():N}" };
        var voided = await api.As(Desk).PostAsJsonAsync($"/api/invoices/{id}/void", body);
        var retried = await api.As(Desk).PostAsJsonAsync($"/api/invoices/{id}/void", body);
        await api.StripeWebhooks.DrainAsync();

        voided.StatusCode.ShouldBe(HttpStatusCode.OK, await voided.Content.ReadAsStringAsync());
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await (await api.As(Desk).GetAsync($"/api/invoices/{id}")).JsonAsync();
        after["status"]!.GetValue<string>().ShouldBe("void");
        after["voidReason"]!.GetValue<string>().ShouldBe("Rang up the wrong patient");
        after["totals"]!["refunded"]!.GetValue<long>().ShouldBe(4_000, "each payment given back once, to its tender");
        after["totals"]!["balance"]!.GetValue<long>().ShouldBe(0);
        after["refunds"]!.AsArray().Select(r => r!["tender"]!.GetValue<string>()).Order().ShouldBe(["card", "cash"]);
        var pi = api.StripeFake.Find(paid["payments"]!.AsArray().Single(p => p!["tender"]!.GetValue<string>() == "card")!["reference"]!.GetValue<string>())!;
        api.StripeFake.Find(pi["latest_charge"]!.GetValue<string>())!["amount_refunded"]!.GetValue<long>().ShouldBe(2_500);

        // The ledger: every account is back where it started.
        var entries = await api.Services.GetRequiredService<InvoiceStore>().EntriesAsync("demo", id);
        entries.Count(e => e.Type == LedgerEntryType.Void).ShouldBe(1);
        entries.SelectMany(e => e.Postings).GroupBy(p => p.Account).ShouldAllBe(a => a.Sum(p => p.Amount) == 0);

        // A voided invoice takes no payment and no edit; a new sale takes the next number.
        var before = api.Snapshot();
        (await PayAsync(api.As(Desk), id, "cash", 100)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task A_void_is_refused_after_the_day_of_issue_above_the_desks_limit_without_a_reason_and_for_others_and_changes_nothing()
    {
        var big = await SaleAsync(9_000);
        (await PayAsync(api.As(Desk), big, "cash", 9_000)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var small = await SaleAsync(1_000);
        (await PayAsync(api.As(Desk), small, "cash", 1_000)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var draft = await SaleAsync(500);
        var admin = api.AsAdmin();
        var desk = api.As(Desk);
        var patient = api.As(DemoPeople.PatientSignIn);
        var injector = api.As(DemoPeople.InjectorSignIn);
        object Void(string? reason = "Mistake") => new { reason, idempotencyKey = $"void-{Guid.NewGuid():N}" };
        var before = api.Snapshot();

        (await desk.PostAsJsonAsync($"/api/invoices/{big}/void", Void())).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // 90.00 back is above the desk's 50.00
        (await patient.PostAsJsonAsync($"/api/invoices/{small}/void", Void())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await injector.PostAsJsonAsync($"/api/invoices/{small}/void", Void())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Anonymous().PostAsJsonAsync($"/api/invoices/{small}/void", Void())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await desk.PostAsJsonAsync("/api/invoices/invoice-99999999/void", Void())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await desk.PostAsJsonAsync($"/api/invoices/{small}/void", Void(""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await desk.PostAsJsonAsync($"/api/invoices/{small}/void", Void("two\nlines"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await desk.PostAsJsonAsync($"/api/invoices/{small}/void", Void(new string('x', 501)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason");
        (await desk.PostAsJsonAsync($"/api/invoices/{small}/void", new { reason = "Mistake" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await desk.PostAsync($"/api/invoices/{small}/void", new StringContent("{\"reason\": 5, \"idempotencyKey\": \"k-1\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (api.Clock.At(DateTimeOffset.UtcNow.AddDays(2)))
        {
            var late = await admin.PostAsJsonAsync($"/api/invoices/{small}/void", Void());
            late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await late.Content.ReadAsStringAsync()).ShouldContain("refund them instead");
        }

        api.Snapshot().ShouldBe(before);

        (await admin.PostAsJsonAsync($"/api/invoices/{big}/void", Void())).StatusCode.ShouldBe(HttpStatusCode.OK); // an admin gives back more
        var voidedDraft = await desk.PostAsJsonAsync($"/api/invoices/{draft}/void", Void("Not wanted"));
        voidedDraft.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await voidedDraft.JsonAsync())["status"]!.GetValue<string>().ShouldBe("void");
        (await api.Services.GetRequiredService<InvoiceStore>().EntriesAsync("demo", draft)).ShouldBeEmpty("a draft never reached the ledger");
    }

    [Fact]
    public async Task A_visits_voided_invoice_makes_way_for_a_new_one_with_the_next_number()
    {
        var visit = await CompletedVisitAsync(await api.NewPatientAsync("Nora", "Anew"), dayOffset: 9);
        var (first, _) = await OpenAsync(visit.Id);
        (await api.As(Desk).PostAsJsonAsync($"/api/invoices/{first["id"]}/void", new { reason = "Started over", idempotencyKey = $"void-{Guid.NewGuid():N}" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reopened = await api.As(Desk).PostAsJsonAsync("/api/invoices", new { appointmentId = visit.Id });
        var again = await api.As(Desk).PostAsJsonAsync("/api/invoices", new { appointmentId = visit.Id });

        reopened.StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = await reopened.JsonAsync();
        second["id"]!.GetValue<string>().ShouldNotBe(first["id"]!.GetValue<string>());
        second["status"]!.GetValue<string>().ShouldBe("draft");
        again.StatusCode.ShouldBe(HttpStatusCode.OK, "one open invoice per visit");
        (await again.JsonAsync())["id"]!.GetValue<string>().ShouldBe(second["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_paid_deposit_counts_towards_the_visit_and_an_authorised_one_is_captured()
    {
        var held = await api.HoldForDepositAsync(fromDays: 2);
        var id = held["id"]!.GetValue<string>();
        (await api.PayDepositAsync(id, "4242 4242 4242 4242")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.WaitForSagaAsync(id))["status"]!.GetValue<string>().ShouldBe("scheduled");
        var start = DateTimeOffset.Parse(held["startTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var desk = api.As(Desk);
        using (api.Clock.At(start.AddMinutes(5)))
        {
            (await desk.PostAsJsonAsync($"/api/appointments/{id}/status", new { status = "arrived" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await desk.PostAsJsonAsync($"/api/appointments/{id}/status", new { status = "completed", overrideReason = "Forms on paper." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var (invoice, _) = await OpenAsync(id);
        var total = invoice["totals"]!["total"]!.GetValue<long>();
        var paid = await (await PayAsync(api.As(Desk), invoice["id"]!.GetValue<string>(), "cash", total - 5_000)).JsonAsync();

        paid["invoice"]!["status"]!.GetValue<string>().ShouldBe("paid");
        paid["invoice"]!["payments"]!.AsArray().Select(p => p!["tender"]!.GetValue<string>()).ShouldBe(["deposit", "cash"]);
        var deposit = await api.Store.ReadAsync<Core.Payments.DepositIntent>("payments", "demo", Core.Payments.DepositIntent.IdFor(id));
        api.StripeFake.Find(deposit!.Body.PaymentId!)!["status"]!.GetValue<string>().ShouldBe("succeeded"); // captured at checkout
    }

    [Fact]
    public async Task A_patient_reads_and_pays_only_their_own_invoice_by_card()
    {
        var visit = await CompletedVisitAsync(DemoPeople.PatientId, dayOffset: 3);
        var (mine, _) = await OpenAsync(visit.Id);
        var someoneElse = await CompletedVisitAsync(await api.NewPatientAsync("Olga", "Other"), dayOffset: 3);
        var (theirs, _) = await OpenAsync(someoneElse.Id);
        var patient = api.As(DemoPeople.PatientSignIn);
        var before = api.Snapshot();

        var readOwn = await patient.GetAsync($"/api/invoices/{mine["id"]}");
        var readOther = await patient.GetAsync($"/api/invoices/{theirs["id"]}");
        var payOther = await PayAsync(patient, theirs["id"]!.GetValue<string>(), "card", 1_000);
        var cash = await PayAsync(patient, mine["id"]!.GetValue<string>(), "cash", 1_000);
        var edit = await PutAsync(patient, mine["id"]!.GetValue<string>(), "\"x\"", Draft(visit.PractitionerId));
        api.Snapshot().ShouldBe(before);
        var card = await PayAsync(patient, mine["id"]!.GetValue<string>(), "card", 15_000);

        readOwn.StatusCode.ShouldBe(HttpStatusCode.OK);
        readOther.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        payOther.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        cash.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        edit.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        card.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await card.JsonAsync())["card"]!["clientSecret"]!.GetValue<string>().ShouldStartWith("pi_");
    }

    [Fact]
    public async Task Bad_amounts_and_drafts_are_refused_and_change_nothing()
    {
        var visit = await CompletedVisitAsync(await api.NewPatientAsync("Bad", "Input"), dayOffset: 4);
        var (invoice, etag) = await OpenAsync(visit.Id);
        var id = invoice["id"]!.GetValue<string>();
        var desk = api.As(Desk);
        var before = api.Snapshot();

        var negative = await PayAsync(desk, id, "cash", -100);
        var decimals = await desk.PostAsync("/api/payments", new StringContent($$"""{"invoiceId":"{{id}}","tender":"cash","amount":12.5,"idempotencyKey":"0123456789"}""", System.Text.Encoding.UTF8, "application/json"));
        var tooMuch = await PayAsync(desk, id, "cash", 10_000_000);
        var unknownTender = await PayAsync(desk, id, "cheque", 100);
        var shortCash = await PayAsync(desk, id, "cash", 1_000, tendered: 500);
        var noReason = await PutAsync(desk, id, etag, Draft(visit.PractitionerId, new { kind = "fixed", value = 100, reason = "" }));
        var centsAsDecimals = await PutAsync(desk, id, etag, new { lines = new[] { new { id = "a", kind = "retail", description = "A", quantity = 1, unitPrice = 10.5, taxable = true } } });
        var control = await PutAsync(desk, id, etag, new { lines = new[] { new { id = "a", kind = "retail", description = "A\u0007", quantity = 1, unitPrice = 100, taxable = true } } });
        var unlisted = await PutAsync(desk, id, etag, new { lines = new[] { new { id = "a", kind = "retail", description = "A", quantity = 1, unitPrice = 100, taxable = true, productId = "caviar" } } });
        var nullLine = await desk.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/invoices/{id}") { Content = new StringContent("""{"lines":[null]}""", System.Text.Encoding.UTF8, "application/json"), Headers = { { "If-Match", etag } } });
        var noVersion = await desk.PutAsJsonAsync($"/api/invoices/{id}", Draft(visit.PractitionerId));
        var stale = await PutAsync(desk, id, "\"stale\"", Draft(visit.PractitionerId));

        new[] { negative, decimals, tooMuch, unknownTender, shortCash, noReason, centsAsDecimals, control, unlisted, nullLine }
            .ShouldAllBe(r => r.StatusCode == HttpStatusCode.BadRequest && r.Content.Headers.ContentType!.MediaType == "application/problem+json");
        noVersion.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Invoice_numbers_have_no_gaps_and_no_repeats_under_concurrency_and_concurrent_payments_never_overpay()
    {
        var open = api.Services.GetRequiredService<OpenInvoice>();
        var patient = await api.NewPatientAsync("Many", "Invoices");

        var opened = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => open.ForPatientAsync("demo", Desk, patient)));
        var numbers = opened.Select(o => o.Value.Invoice.Body.Number).Order().ToList();
        var all = (await api.Services.GetRequiredService<InvoiceStore>().ForPatientAsync("demo", patient)).Select(i => i.Body.Number).ToList();
        numbers.Distinct().Count().ShouldBe(12);
        numbers.ShouldBe(Enumerable.Range((int)numbers[0], 12).Select(n => (long)n).ToList());
        all.Count.ShouldBe(12);

        var visit = await CompletedVisitAsync(patient, dayOffset: 5);
        var (invoice, _) = await OpenAsync(visit.Id);
        var id = invoice["id"]!.GetValue<string>();
        var total = invoice["totals"]!["total"]!.GetValue<long>();
        var payments = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PayAsync(api.As(Desk), id, "cash", total)));

        payments.Count(p => p.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        payments.Where(p => p.StatusCode != HttpStatusCode.Created).ShouldAllBe(p => p.StatusCode == HttpStatusCode.BadRequest);
        var entries = await api.Services.GetRequiredService<InvoiceStore>().EntriesAsync("demo", id);
        InvoiceBalance.Of(entries).Paid.ShouldBe(total);
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task A_paid_invoice_prints_as_a_receipt_pdf_with_the_clinic_the_lines_and_the_payments_for_the_desk_and_its_patient_only()
    {
        var visit = await CompletedVisitAsync(DemoPeople.PatientId, dayOffset: 6);
        var (opened, etag) = await OpenAsync(visit.Id);
        var id = opened["id"]!.GetValue<string>();
        var number = opened["invoiceNumber"]!.GetValue<string>();
        var facial = opened["lines"]!.AsArray().Single()!["unitPrice"]!.GetValue<long>();
        (await PutAsync(api.As(Desk), id, etag, Draft(visit.PractitionerId, new { kind = "percent", value = 10, reason = "First visit" }, tip: 2_000, facial))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var draftPdf = await api.As(Desk).GetAsync($"/api/invoices/{id}/pdf");
        var total = (await (await api.As(Desk).GetAsync($"/api/invoices/{id}")).JsonAsync())["totals"]!["total"]!.GetValue<long>();
        (await PayAsync(api.As(Desk), id, "cash", total)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var receipt = await api.As(Desk).GetAsync($"/api/invoices/{id}/pdf");
        var patientsOwn = await api.As(DemoPeople.PatientSignIn).GetAsync($"/api/invoices/{id}/pdf");
        var anotherPatient = await api.As(DemoPeople.PatientSignIn).GetAsync($"/api/invoices/{(await OpenAsync((await CompletedVisitAsync(await api.NewPatientAsync("Nora", "Nosy"), dayOffset: 6)).Id)).Invoice["id"]}/pdf");
        var practitioner = await api.As(DemoPeople.InjectorSignIn).GetAsync($"/api/invoices/{id}/pdf");
        var unknown = await api.As(Desk).GetAsync("/api/invoices/invoice-99999999/pdf");

        receipt.StatusCode.ShouldBe(HttpStatusCode.OK);
        receipt.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        receipt.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"receipt-{number}.pdf");
        var text = PdfText(await receipt.Content.ReadAsByteArrayAsync());
        text.ShouldContain("Receipt");
        text.ShouldContain(number);
        text.ShouldContain("Demo"); // the clinic's name, from the clinic directory
        text.ShouldContain("20 units at 14.00 USD");
        text.ShouldContain("Vitamin C serum");
        text.ShouldContain("NY sales tax (8.875 %) 7.11 USD");
        text.ShouldContain($"Total {total / 100m:0.00} USD");
        text.ShouldContain("Paid by cash");
        text.ShouldContain("Nothing owed 0.00 USD");
        PdfText(await draftPdf.Content.ReadAsByteArrayAsync()).ShouldContain($"Balance due {total / 100m:0.00} USD");
        patientsOwn.StatusCode.ShouldBe(HttpStatusCode.OK);
        anotherPatient.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        practitioner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_long_invoice_runs_onto_more_pages_and_long_descriptions_wrap()
    {
        var patient = await api.NewPatientAsync("Long", "Ledger");
        var created = await (await api.As(Desk).PostAsJsonAsync("/api/invoices", new { patientId = patient })).JsonAsync();
        var id = created["id"]!.GetValue<string>();
        var etag = (await api.As(Desk).GetAsync($"/api/invoices/{id}")).Headers.ETag!.Tag;
        var lines = Enumerable.Range(1, 60).Select(i => new
        {
            id = $"line-{i}",
            kind = "other",
            description = i == 1 ? string.Join(' ', Enumerable.Repeat("A very long description of a bespoke treatment plan", 3)) : $"Item {i}",
            quantity = 1,
            unitPrice = 100 * i,
            taxable = false,
        });
        (await PutAsync(api.As(Desk), id, etag, new { lines })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var pdf = await (await api.As(Desk).GetAsync($"/api/invoices/{id}/pdf")).Content.ReadAsByteArrayAsync();

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        document.NumberOfPages.ShouldBeGreaterThan(1);
        var text = PdfText(pdf);
        text.ShouldContain("Item 60");
        text.ShouldContain("Balance due 1,830.00 USD".Replace("1,830", "1830"));
        var firstPage = document.GetPage(1);
        var widest = firstPage.GetWords().Where(w => w.Text == "bespoke").Max(w => w.BoundingBox.Right);
        widest.ShouldBeLessThan(firstPage.Width - 54 - 110); // wrapped inside the description column, clear of the amounts
    }

    [Fact]
    public async Task The_desk_emails_an_invoice_once_per_key_issuing_a_draft_and_a_patient_without_an_email_is_told_why()
    {
        var patient = await api.NewPatientAsync("Emma", "Emailed");
        var created = await (await api.As(Desk).PostAsJsonAsync("/api/invoices", new { patientId = patient })).JsonAsync();
        var id = created["id"]!.GetValue<string>();
        var etag = (await api.As(Desk).GetAsync($"/api/invoices/{id}")).Headers.ETag!.Tag;
        (await PutAsync(api.As(Desk), id, etag, new { lines = new[] { new { id = "serum", kind = "retail", description = "Vitamin C serum", quantity = 1, unitPrice = 8_900, taxable = true, productId = "serum" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var notices = api.Services.GetRequiredService<Core.Notifications.PatientNoticeStore>();
        var before = api.Snapshot();

        var byPractitioner = await api.As(DemoPeople.InjectorSignIn).PostAsJsonAsync($"/api/invoices/{id}/send", new { idempotencyKey = "send-emma-1" });
        var byPatient = await api.As(DemoPeople.PatientSignIn).PostAsJsonAsync($"/api/invoices/{id}/send", new { idempotencyKey = "send-emma-1" });
        var noKey = await api.As(Desk).PostAsJsonAsync($"/api/invoices/{id}/send", new { });
        var shortKey = await api.As(Desk).PostAsJsonAsync($"/api/invoices/{id}/send", new { idempotencyKey = "x" });
        var unknown = await api.As(Desk).PostAsJsonAsync("/api/invoices/invoice-99999999/send", new { idempotencyKey = "send-emma-1" });
        api.Snapshot().ShouldBe(before);
        var sent = await api.As(Desk).PostAsJsonAsync($"/api/invoices/{id}/send", new { idempotencyKey = "send-emma-1" });
        var again = await api.As(Desk).PostAsJsonAsync($"/api/invoices/{id}/send", new { idempotencyKey = "send-emma-1" });

        byPractitioner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byPatient.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        noKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        shortKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sent.JsonAsync())["status"]!.GetValue<string>().ShouldBe("open"); // sending a draft issues it: what is sent is what is owed
        var emailed = (await notices.ForPatientAsync("demo", patient)).ShouldHaveSingleItem();
        emailed.InvoiceId.ShouldBe(id);
        emailed.Subject.ShouldBe($"Your invoice {created["invoiceNumber"]} from Demo");
        emailed.Body.ShouldContain("Balance due: 96.90 USD");

        var noEmail = await api.As(Desk).PostAsJsonAsync("/api/patients", new { firstName = "Phoebe", lastName = $"Phone{Guid.NewGuid():N}"[..20], phone = "+12125550123" });
        noEmail.StatusCode.ShouldBe(HttpStatusCode.Created, await noEmail.Content.ReadAsStringAsync());
        var phoneOnly = (await noEmail.JsonAsync())["id"]!.GetValue<string>();
        var theirs = (await (await api.As(Desk).PostAsJsonAsync("/api/invoices", new { patientId = phoneOnly })).JsonAsync())["id"]!.GetValue<string>();
        var beforeRefusal = api.Snapshot();
        var refused = await api.As(Desk).PostAsJsonAsync($"/api/invoices/{theirs}/send", new { idempotencyKey = "send-phoebe-1" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("no email address on file");
        api.Snapshot().ShouldBe(beforeRefusal);
    }

    [Fact]
    public async Task A_patient_lists_their_issued_invoices_with_what_they_owe_and_the_desk_sees_drafts_too()
    {
        var visit = await CompletedVisitAsync(DemoPeople.PatientId, dayOffset: 7);
        var (issued, _) = await OpenAsync(visit.Id);
        var issuedId = issued["id"]!.GetValue<string>();
        (await PayAsync(api.As(Desk), issuedId, "cash", 1_000)).StatusCode.ShouldBe(HttpStatusCode.Created); // part paid: the rest is owed
        var draft = (await (await api.As(Desk).PostAsJsonAsync("/api/invoices", new { patientId = DemoPeople.PatientId })).JsonAsync())["id"]!.GetValue<string>();
        var other = await api.NewPatientAsync("Otto", "Owing");

        var mine = await api.As(DemoPeople.PatientSignIn).GetAsync($"/api/patients/{DemoPeople.PatientId}/invoices");
        var desks = await api.As(Desk).GetAsync($"/api/patients/{DemoPeople.PatientId}/invoices");
        var someoneElses = await api.As(DemoPeople.PatientSignIn).GetAsync($"/api/patients/{other}/invoices");
        var practitioner = await api.As(DemoPeople.InjectorSignIn).GetAsync($"/api/patients/{DemoPeople.PatientId}/invoices");
        var unknown = await api.As(Desk).GetAsync("/api/patients/patient-nobody/invoices");

        mine.StatusCode.ShouldBe(HttpStatusCode.OK);
        var items = (await mine.JsonAsync())["items"]!.AsArray();
        items.ShouldNotContain(i => i!["id"]!.GetValue<string>() == draft);
        var listed = items.Single(i => i!["id"]!.GetValue<string>() == issuedId)!;
        listed["status"]!.GetValue<string>().ShouldBe("partial");
        listed["totals"]!["balance"]!.GetValue<long>().ShouldBe(listed["totals"]!["total"]!.GetValue<long>() - 1_000);
        (await desks.JsonAsync())["items"]!.AsArray().ShouldContain(i => i!["id"]!.GetValue<string>() == draft);
        someoneElses.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        practitioner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refund_for_one_line_never_gives_back_more_than_that_line_came_to()
    {
        var patient = await api.NewPatientAsync("Lina", "Lines");
        var id = (await (await api.As(Desk).PostAsJsonAsync("/api/invoices", new { patientId = patient })).JsonAsync())["id"]!.GetValue<string>();
        var etag = (await api.As(Desk).GetAsync($"/api/invoices/{id}")).Headers.ETag!.Tag;
        (await PutAsync(api.As(Desk), id, etag, new
        {
            lines = new object[]
            {
                new { id = "serum", kind = "retail", description = "Vitamin C serum", quantity = 1, unitPrice = 8_900, taxable = true, productId = "serum" },
                new { id = "peel", kind = "other", description = "Peel kit", quantity = 1, unitPrice = 4_000, taxable = false },
            },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var total = (await (await api.As(Desk).GetAsync($"/api/invoices/{id}")).JsonAsync())["totals"]!["total"]!.GetValue<long>();
        var paymentId = (await (await PayAsync(api.As(Desk), id, "cash", total)).JsonAsync())["paymentId"]!.GetValue<string>();
        object Refund(long? amount, string? lineId, string key) => new { invoiceId = id, paymentId, amount, reason = "Returned", idempotencyKey = key, lineId };
        var before = api.Snapshot();

        var unknownLine = await api.As(Desk).PostAsJsonAsync("/api/payments/refund", Refund(100, "caviar", "refund-line-0"));
        var tooMuch = await api.As(Desk).PostAsJsonAsync("/api/payments/refund", Refund(9_700, "serum", "refund-line-1")); // the serum came to 96.90 with its tax
        api.Snapshot().ShouldBe(before);
        var wholeSerum = await api.AsAdmin().PostAsJsonAsync("/api/payments/refund", Refund(null, "serum", "refund-line-2")); // above the desk's limit
        var again = await api.AsAdmin().PostAsJsonAsync("/api/payments/refund", Refund(100, "serum", "refund-line-3"));

        unknownLine.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownLine.JsonAsync())["errors"]!["lineId"].ShouldNotBeNull();
        tooMuch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooMuch.JsonAsync())["errors"]!["amount"]![0]!.GetValue<string>().ShouldContain("96.90 USD");
        wholeSerum.StatusCode.ShouldBe(HttpStatusCode.Created);
        var invoice = (await wholeSerum.JsonAsync())["invoice"]!;
        invoice["refunds"]!.AsArray().Single()!["amount"]!.GetValue<long>().ShouldBe(9_690); // the line's net and tax, not the whole payment
        invoice["refunds"]!.AsArray().Single()!["lineId"]!.GetValue<string>().ShouldBe("serum");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest); // nothing is left of the serum
    }
}
