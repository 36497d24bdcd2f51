using MedSpa.Fakes.Stripe;

namespace MedSpa.Functions.Tests.Memberships;

/// <summary>
/// Memberships through the API: a patient joins a plan with the card on file (the first month charged at once, its
/// invoice paid); each period is charged when it begins; a declined renewal tells the member (in the clinic's words),
/// is tried again 3 and 7 days on, and lapses after the last try with nothing owed; a past-due member who pays online is
/// a member again at once; who may do what, and bad input refused with nothing changed.
/// </summary>
public sealed class MembershipApiTests(ApiHost api) : IClassFixture<ApiHost>, IAsyncLifetime
{
    private const string Desk = DemoPeople.DeskSignIn;

    public async Task InitializeAsync() => (await PutPlansAsync(new object[]
    {
        new { id = "glow", name = "Glow membership", price = new { amount = 9_900, currency = "USD" }, interval = "monthly", benefits = "A facial each month and 10% off products." },
        new { id = "vip", name = "VIP year", price = new { amount = 120_000, currency = "USD" }, interval = "yearly" },
    })).StatusCode.ShouldBe(HttpStatusCode.OK);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> PutPlansAsync(object[] plans)
    {
        var current = await api.AsAdmin().GetAsync("/api/clinic/billing");
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/clinic/billing") { Content = JsonContent.Create(new { taxRates = Array.Empty<object>(), products = Array.Empty<object>(), membershipPlans = plans, deskRefundLimit = 5_000 }) };
        if (current.Headers.ETag is { } etag && etag.Tag != "\"\"")
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag.Tag);
        }

        return await api.AsAdmin().SendAsync(request);
    }

    /// <summary>A card saved for the patient as the desk's card form does (a SetupIntent confirmed by Stripe.js); its id.</summary>
    private async Task<string> SaveCardAsync(string patientId, string number, string by = Desk)
    {
        var saving = await (await api.As(by).PostAsJsonAsync("/api/payments/methods", new { patientId, idempotencyKey = Guid.NewGuid().ToString() })).JsonAsync();
        var secret = saving["clientSecret"]!.GetValue<string>();
        var method = await (await api.StripeBrowser().PostAsync("/v1/payment_methods", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["type"] = "card", ["card[number]"] = number, ["card[exp_month]"] = "12", ["card[exp_year]"] = "2031", ["card[cvc]"] = "123",
        }))).JsonAsync();
        (await api.StripeBrowser().PostAsync($"/v1/setup_intents/{secret[..secret.IndexOf("_secret_", StringComparison.Ordinal)]}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["payment_method"] = method["id"]!.GetValue<string>(), ["client_secret"] = secret,
        }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.StripeWebhooks.DrainAsync();
        return method["id"]!.GetValue<string>();
    }

    private Task<HttpResponseMessage> JoinAsync(HttpClient client, string patientId, string? planId = "glow", string? key = null) =>
        client.PostAsJsonAsync("/api/memberships", new { patientId, planId, idempotencyKey = key ?? Guid.NewGuid().ToString() });

    private async Task<JsonArray> MembershipsAsync(string patientId, string by = Desk) =>
        (await (await api.As(by).GetAsync($"/api/patients/{patientId}/memberships")).JsonAsync())["items"]!.AsArray();

    private async Task<JsonArray> InvoicesAsync(string patientId) =>
        (await (await api.As(Desk).GetAsync($"/api/patients/{patientId}/invoices")).JsonAsync())["items"]!.AsArray();

    private async Task<(string PatientId, JsonObject Membership)> MemberAsync(string first, string card = StripeTestCards.Visa)
    {
        var patientId = await api.NewPatientAsync(first, "Member");
        await SaveCardAsync(patientId, card);
        var joined = await JoinAsync(api.As(Desk), patientId);
        joined.StatusCode.ShouldBe(HttpStatusCode.OK, await joined.Content.ReadAsStringAsync());
        return (patientId, await joined.JsonAsync());
    }

    private static DateTimeOffset At(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_desk_joins_a_patient_the_first_month_is_charged_at_once_and_each_month_when_it_begins_once()
    {
        var (patientId, membership) = await MemberAsync("Gloria");

        membership["status"]!.GetValue<string>().ShouldBe("active");
        membership["planName"]!.GetValue<string>().ShouldBe("Glow membership");
        var paidThrough = At(membership["paidThrough"]);
        paidThrough.ShouldBe(At(membership["joinedAt"]).AddMonths(1));
        At(membership["nextChargeAt"]).ShouldBe(paidThrough);
        var first = (await InvoicesAsync(patientId)).Single()!;
        first["status"]!.GetValue<string>().ShouldBe("paid");
        first["totals"]!["total"]!.GetValue<long>().ShouldBe(9_900);
        first["lines"]![0]!["description"]!.GetValue<string>().ShouldStartWith("Glow membership, ");

        await api.RenewMembershipsAsync(); // nothing due yet
        (await InvoicesAsync(patientId)).Count.ShouldBe(1);
        using (api.Clock.At(paidThrough.AddMinutes(5)))
        {
            await api.RenewMembershipsAsync();
            await api.RenewMembershipsAsync(); // the next hour's run: charges nothing again
        }

        var renewed = (await MembershipsAsync(patientId)).Single()!;
        renewed["status"]!.GetValue<string>().ShouldBe("active");
        At(renewed["paidThrough"]).ShouldBe(paidThrough.AddMonths(1));
        var invoices = await InvoicesAsync(patientId);
        invoices.Count.ShouldBe(2);
        invoices.ShouldAllBe(i => i!["status"]!.GetValue<string>() == "paid");
    }

    [Fact]
    public async Task A_declined_renewal_tells_the_member_is_tried_again_after_3_and_7_days_and_then_lapses_with_nothing_owed()
    {
        var (patientId, membership) = await MemberAsync("Dana");
        var cards = await (await api.As(Desk).GetAsync($"/api/payments/methods/{patientId}")).JsonAsync();
        var visa = cards["items"]![0]!["id"]!.GetValue<string>();
        await SaveCardAsync(patientId, StripeTestCards.DeclinesAfterAttaching);
        (await api.As(Desk).DeleteAsync($"/api/payments/methods/{visa}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var due = At(membership["paidThrough"]);

        using (api.Clock.At(due.AddMinutes(5)))
        {
            await api.RenewMembershipsAsync();
            await api.RenewMembershipsAsync();
            await api.SendDueMessagesAsync();
        }

        var pastDue = (await MembershipsAsync(patientId)).Single()!;
        pastDue["status"]!.GetValue<string>().ShouldBe("past-due");
        pastDue["failedAttempts"]!.GetValue<int>().ShouldBe(1);
        pastDue["owed"]!.GetValue<long>().ShouldBe(9_900);
        pastDue["lastFailure"]!.GetValue<string>().ShouldContain("ending 0341 was declined");
        At(pastDue["nextChargeAt"]).ShouldBe(due.AddMinutes(5).AddDays(3), TimeSpan.FromSeconds(1));
        var told = api.Acs.Emails.Where(e => e.Subject == "We couldn't take your membership payment" && e.PlainText.Contains("Glow membership", StringComparison.Ordinal)).ToList();
        told.Count.ShouldBe(1); // the second run in the same hour tells nothing more
        told[0].PlainText.ShouldContain("We couldn't take the 99.00 USD for your Glow membership.");
        told[0].PlainText.ShouldContain("/patient/membership");
        told[0].PlainText.ShouldContain("We will try your card again on");

        using (api.Clock.At(due.AddDays(3).AddMinutes(10)))
        {
            await api.RenewMembershipsAsync();
        }

        (await MembershipsAsync(patientId)).Single()!["failedAttempts"]!.GetValue<int>().ShouldBe(2);
        using (api.Clock.At(due.AddDays(8)))
        {
            await api.RenewMembershipsAsync();
            await api.SendDueMessagesAsync();
        }

        var lapsed = (await MembershipsAsync(patientId)).Single()!;
        lapsed["status"]!.GetValue<string>().ShouldBe("lapsed");
        lapsed["owed"]!.GetValue<long>().ShouldBe(0);
        lapsed["nextChargeAt"].ShouldBeNull();
        var invoices = await InvoicesAsync(patientId);
        invoices.Select(i => i!["status"]!.GetValue<string>()).Order().ShouldBe(["paid", "void"]);
        api.Acs.Emails.Count(e => e.Subject == "We couldn't take your membership payment" && e.PlainText.Contains("has now ended", StringComparison.Ordinal)).ShouldBe(1);
        using (api.Clock.At(due.AddDays(40)))
        {
            await api.RenewMembershipsAsync(); // a lapsed membership is never charged again
        }

        (await InvoicesAsync(patientId)).Count.ShouldBe(2);
        (await MembershipsAsync(patientId)).Single()!["status"]!.GetValue<string>().ShouldBe("lapsed");
    }

    [Fact]
    public async Task A_past_due_member_who_pays_online_is_a_member_again_at_once_and_the_next_period_follows_the_paid_one()
    {
        var patientId = DemoPeople.PatientId;
        await SaveCardAsync(patientId, StripeTestCards.Visa, DemoPeople.PatientSignIn);
        var joined = await JoinAsync(api.As(DemoPeople.PatientSignIn), patientId);
        joined.StatusCode.ShouldBe(HttpStatusCode.OK, await joined.Content.ReadAsStringAsync());
        var due = At((await joined.JsonAsync())["paidThrough"]);
        foreach (var card in (await (await api.As(Desk).GetAsync($"/api/payments/methods/{patientId}")).JsonAsync())["items"]!.AsArray())
        {
            (await api.As(Desk).DeleteAsync($"/api/payments/methods/{card!["id"]!.GetValue<string>()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (api.Clock.At(due.AddHours(1)))
        {
            await api.RenewMembershipsAsync();
        }

        var pastDue = (await MembershipsAsync(patientId, DemoPeople.PatientSignIn)).First()!;
        pastDue["status"]!.GetValue<string>().ShouldBe("past-due");
        pastDue["lastFailure"]!.GetValue<string>().ShouldBe("There is no card on file.");
        var invoiceId = pastDue["owedInvoiceId"]!.GetValue<string>();

        var paying = await (await api.As(DemoPeople.PatientSignIn).PostAsJsonAsync("/api/payments", new { invoiceId, tender = "card", amount = 9_900, idempotencyKey = Guid.NewGuid().ToString() })).JsonAsync();
        (await api.ConfirmWithCardAsync(paying["card"]!["paymentId"]!.GetValue<string>(), paying["card"]!["clientSecret"]!.GetValue<string>(), "4242 4242 4242 4242")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.StripeWebhooks.DrainAsync();

        var restored = (await MembershipsAsync(patientId, DemoPeople.PatientSignIn)).First()!;
        restored["status"]!.GetValue<string>().ShouldBe("active");
        restored["owed"]!.GetValue<long>().ShouldBe(0);
        At(restored["paidThrough"]).ShouldBe(due.AddMonths(1));
        At(restored["nextChargeAt"]).ShouldBe(due.AddMonths(1));

        // The patient leaves: nothing more is charged, and the month paid for runs to its end.
        var cancelled = await api.As(DemoPeople.PatientSignIn).PostAsync($"/api/memberships/{restored["id"]}/cancel", null);
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cancelled.JsonAsync())["status"]!.GetValue<string>().ShouldBe("cancelled");
        (await api.As(DemoPeople.PatientSignIn).PostAsync($"/api/memberships/{restored["id"]}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK); // again: the same
        var invoices = (await InvoicesAsync(patientId)).Count;
        using (api.Clock.At(due.AddMonths(1).AddHours(1)))
        {
            await api.RenewMembershipsAsync();
        }

        (await InvoicesAsync(patientId)).Count.ShouldBe(invoices);
    }

    [Fact]
    public async Task The_desk_takes_a_past_due_payment_in_cash_and_the_membership_is_active_again_at_once()
    {
        var (patientId, membership) = await MemberAsync("Cara");
        foreach (var card in (await (await api.As(Desk).GetAsync($"/api/payments/methods/{patientId}")).JsonAsync())["items"]!.AsArray())
        {
            (await api.As(Desk).DeleteAsync($"/api/payments/methods/{card!["id"]!.GetValue<string>()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var due = At(membership["paidThrough"]);
        using (api.Clock.At(due.AddMinutes(30)))
        {
            await api.RenewMembershipsAsync();
        }

        var pastDue = (await MembershipsAsync(patientId)).Single()!;
        pastDue["status"]!.GetValue<string>().ShouldBe("past-due");
        var paid = await api.As(Desk).PostAsJsonAsync("/api/payments", new { invoiceId = pastDue["owedInvoiceId"]!.GetValue<string>(), tender = "cash", amount = 9_900, idempotencyKey = Guid.NewGuid().ToString() });
        paid.StatusCode.ShouldBe(HttpStatusCode.Created, await paid.Content.ReadAsStringAsync());

        var restored = (await MembershipsAsync(patientId)).Single()!;
        restored["status"]!.GetValue<string>().ShouldBe("active");
        At(restored["paidThrough"]).ShouldBe(At(membership["joinedAt"]).AddMonths(2));
        restored["owed"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Joining_with_a_card_that_declines_starts_nothing_and_says_why()
    {
        var patientId = await api.NewPatientAsync("Nadia", "Declined");
        await SaveCardAsync(patientId, StripeTestCards.DeclinesAfterAttaching);

        var refused = await JoinAsync(api.As(Desk), patientId);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, await refused.Content.ReadAsStringAsync());
        (await refused.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("ending 0341 was declined");
        (await MembershipsAsync(patientId)).ShouldBeEmpty();
        (await InvoicesAsync(patientId)).ShouldAllBe(i => i!["status"]!.GetValue<string>() == "void");

        var none = await api.NewPatientAsync("Nora", "NoCard");
        var noCard = await JoinAsync(api.As(Desk), none);
        noCard.StatusCode.ShouldBe(HttpStatusCode.Conflict, await noCard.Content.ReadAsStringAsync());
        (await noCard.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("There is no card on file.");
        (await MembershipsAsync(none)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_request_twice_joins_once_and_a_member_cannot_join_a_second_plan()
    {
        var patientId = await api.NewPatientAsync("Iris", "Twice");
        await SaveCardAsync(patientId, StripeTestCards.Visa);
        var key = Guid.NewGuid().ToString();

        var first = await (await JoinAsync(api.As(Desk), patientId, key: key)).JsonAsync();
        var again = await JoinAsync(api.As(Desk), patientId, key: key);
        var other = await JoinAsync(api.As(Desk), patientId, "vip");

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.JsonAsync())["id"]!.GetValue<string>().ShouldBe(first["id"]!.GetValue<string>());
        other.StatusCode.ShouldBe(HttpStatusCode.Conflict, await other.Content.ReadAsStringAsync());
        (await other.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("already a member (Glow membership)");
        (await MembershipsAsync(patientId)).Count.ShouldBe(1);
        (await InvoicesAsync(patientId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Who_may_do_what_and_bad_input_is_refused_with_nothing_changed()
    {
        var (patientId, membership) = await MemberAsync("Wanda");
        var other = await api.NewPatientAsync("Olga", "Other");
        await SaveCardAsync(other, StripeTestCards.Visa);
        var injector = api.As(DemoPeople.InjectorSignIn);
        var patient = api.As(DemoPeople.PatientSignIn);
        var before = api.Snapshot();

        (await injector.GetAsync($"/api/patients/{patientId}/memberships")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JoinAsync(injector, other)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await injector.PostAsync($"/api/memberships/{membership["id"]}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await patient.GetAsync($"/api/patients/{patientId}/memberships")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JoinAsync(patient, other)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await patient.PostAsync($"/api/memberships/{membership["id"]}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.Anonymous().PostAsJsonAsync("/api/memberships", new { patientId = other, planId = "glow", idempotencyKey = "k-1234567890" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.As(Desk).PostAsync("/api/memberships/membership-nope/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var desk = api.As(Desk);
        await (await JoinAsync(desk, other, "platinum")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "planId");
        await (await JoinAsync(desk, other, null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "planId");
        await (await JoinAsync(desk, other, key: "bad\u0007key-123456")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "idempotencyKey");
        (await desk.PostAsync("/api/memberships", new StringContent("""{"patientId":"x","planId":5,"idempotencyKey":"k-1234567890"}""", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await desk.PostAsync("/api/memberships", new StringContent("""{"patientId":"a","patientId":"b","planId":"glow","idempotencyKey":"k-1234567890"}""", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await desk.PostAsync("/api/memberships", new StringContent($$"""{"patientId":"{{other}}","planId":"{{new string('g', 2_000_000)}}","idempotencyKey":"k-1234567890"}""", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);
        (await JoinAsync(desk, "patient-nobody")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        api.Snapshot().ShouldBe(before);
        (await MembershipsAsync(other)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Plans_are_validated_with_the_billing_settings_and_a_bad_one_changes_nothing()
    {
        var before = await (await api.AsAdmin().GetAsync("/api/clinic/billing")).JsonAsync();

        var bad = await PutPlansAsync(new object[]
        {
            new { id = "Free!", name = "Free\u0007", price = new { amount = 0, currency = "USD" }, interval = "weekly" },
        });

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await bad.Content.ReadAsStringAsync());
        (await (await api.AsAdmin().GetAsync("/api/clinic/billing")).JsonAsync()).ToJsonString().ShouldBe(before.ToJsonString());
        var dup = await PutPlansAsync(new object[]
        {
            new { id = "glow", name = "A", price = new { amount = 100, currency = "USD" }, interval = "monthly" },
            new { id = "glow", name = "B", price = new { amount = 100, currency = "USD" }, interval = "monthly" },
        });
        await dup.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "membershipPlans");
        var plans = (await (await api.As(DemoPeople.PatientSignIn).GetAsync("/api/membership-plans")).JsonAsync())["items"]!.AsArray();
        plans.Select(p => p!["id"]!.GetValue<string>()).ShouldBe(["glow", "vip"]);
        plans[0]!["interval"]!.GetValue<string>().ShouldBe("monthly");
        (await api.As(DemoPeople.InjectorSignIn).GetAsync("/api/membership-plans")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
