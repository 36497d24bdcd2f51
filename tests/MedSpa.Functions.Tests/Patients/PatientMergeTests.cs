using MedSpa.Functions.Tests.Forms;

namespace MedSpa.Functions.Tests.Patients;

/// <summary>Two records of one person become one: fields chosen, everything moved, the duplicate leads to the survivor, undoable for 30 days.</summary>
public sealed class PatientMergeTests(ApiHost api) : IClassFixture<ApiHost>
{
    private async Task<string> NewPatientAsync(string first, string last, string email, string? phone = null)
    {
        var created = await api.As(DeskSignIn).PostAsJsonAsync("/api/patients", new { firstName = first, lastName = last, email, phone });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await created.JsonAsync())["id"]!.GetValue<string>();
    }

    private async Task SetAllergiesAsync(string id, params string[] allergies)
    {
        var current = await api.AsAdmin().GetAsync($"/api/patients/{id}");
        var body = await current.JsonAsync();
        body["allergies"] = new JsonArray([.. allergies.Select(a => (JsonNode)a)]);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/patients/{id}") { Content = JsonContent.Create(body) };
        put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
        (await api.AsAdmin().SendAsync(put)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> MergeAsync(string survivor, object body) => api.As(DeskSignIn).PostAsJsonAsync($"/api/patients/{survivor}/merge", body);

    [Fact]
    public async Task The_desk_merges_a_duplicate_choosing_field_by_field_and_everything_moves_to_the_survivor()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var survivor = await NewPatientAsync("Maria", $"Lopez{unique}", $"maria-{unique}@example.com");
        var duplicate = await NewPatientAsync("Maria", $"Lopez{unique}", $"m.lopez-{unique}@example.com", "+12125550123");
        await SetAllergiesAsync(survivor, "Latex");
        await SetAllergiesAsync(duplicate, "Lidocaine", "latex");
        var appointment = await api.BookFirstFreeAsync("demo", duplicate, "Signature facial", dayOffset: 4);
        (await api.As(DeskSignIn).PostAsJsonAsync($"/api/patients/{duplicate}/communications", new { channel = "phone", direction = "inbound", subject = "Asked about fillers" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var admin = new Core.Access.Caller("t", $"admin@{ApiHost.Demo}", "Admin", "demo", Core.Access.Role.Admin);
        var form = await api.Services.GetRequiredService<Core.Forms.SaveForm>().CreateAsync(admin, SampleForms.Consent($"Merge {unique}"));
        await api.Services.GetRequiredService<Core.Forms.PublishForm>().PublishAsync(admin, form.Value!.Id);
        (await api.As(DeskSignIn).PostAsJsonAsync($"/api/forms/{form.Value.Id}/submit", new { patientId = duplicate, version = 1, answers = new { sexAtBirth = "Female", pregnant = "no", signature = SampleForms.Drawn }, signerName = "Maria Lopez" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var merged = await MergeAsync(survivor, new { duplicateId = duplicate, fields = new { phone = "duplicate" } });

        merged.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await merged.JsonAsync();
        result["patient"]!["email"]!.GetValue<string>().ShouldBe($"maria-{unique}@example.com");
        result["patient"]!["phone"]!.GetValue<string>().ShouldBe("+12125550123");
        result["moved"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(3);
        var card = await (await api.AsAdmin().GetAsync($"/api/patients/{survivor}")).JsonAsync();
        card["allergies"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["Latex", "Lidocaine"]);
        card["mergedFrom"]!.AsArray().Single()!["patientId"]!.GetValue<string>().ShouldBe(duplicate);
        var appointments = await (await api.As(DeskSignIn).GetAsync($"/api/patients/{survivor}/appointments")).JsonAsync();
        appointments["upcoming"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(appointment.Id);
        appointments["upcoming"]![0]!["patientName"]!.GetValue<string>().ShouldBe($"Maria Lopez{unique}");
        (await (await api.As(DeskSignIn).GetAsync($"/api/patients/{survivor}/communications")).JsonAsync())["items"]!.AsArray().ShouldContain(m => m!["subject"]!.GetValue<string>() == "Asked about fillers");
        var forms = await (await api.AsAdmin().GetAsync($"/api/patients/{survivor}/forms")).JsonAsync();
        var signed = forms["submissions"]!.AsArray().Single()!["id"]!.GetValue<string>();
        (await (await api.AsAdmin().GetAsync($"/api/patients/{survivor}/forms/{signed}")).JsonAsync())["intact"]!.GetValue<bool>().ShouldBeTrue();

        var old = await api.AsAdmin().GetAsync($"/api/patients/{duplicate}"); // the test client does not follow redirects; a browser does
        old.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        old.Headers.Location!.ToString().ShouldBe($"/api/patients/{survivor}");
        var list = await (await api.As(DeskSignIn).GetAsync($"/api/patients?q=Lopez{unique}")).JsonAsync();
        list["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ShouldBe([survivor]);
        var log = await api.Services.GetRequiredService<Core.Audit.AuditStore>().ForRecordAsync("demo", duplicate, 50, null);
        log.Value!.Items.ShouldContain(e => e.Body.Action == "merge" && e.Body.Actor.Email == DeskSignIn);
    }

    [Fact]
    public async Task Undoing_a_merge_puts_both_records_and_their_documents_back_and_only_within_30_days()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var survivor = await NewPatientAsync("Ana", $"Undo{unique}", $"ana-{unique}@example.com");
        var duplicate = await NewPatientAsync("Anna", $"Undo{unique}", $"anna-{unique}@example.com");
        var appointment = await api.BookFirstFreeAsync("demo", duplicate, "Signature facial", dayOffset: 5);
        var merge = await (await MergeAsync(survivor, new { duplicateId = duplicate, fields = new { firstName = "duplicate" } })).JsonAsync();
        var mergeId = merge["mergeId"]!.GetValue<string>();

        var late = api.As(DeskSignIn);
        HttpResponseMessage tooLate;
        using (api.Clock.At(DateTimeOffset.UtcNow.AddDays(31)))
        {
            tooLate = await late.PostAsJsonAsync($"/api/patients/{survivor}/unmerge", new { mergeId });
        }

        var undone = await api.As(DeskSignIn).PostAsJsonAsync($"/api/patients/{survivor}/unmerge", new { mergeId });
        var again = await api.As(DeskSignIn).PostAsJsonAsync($"/api/patients/{survivor}/unmerge", new { mergeId });

        tooLate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        undone.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await undone.JsonAsync())["firstName"]!.GetValue<string>().ShouldBe("Ana");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var back = await api.As(DeskSignIn).GetAsync($"/api/patients/{duplicate}");
        back.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await back.JsonAsync())["archived"]!.GetValue<bool>().ShouldBeFalse();
        (await (await api.As(DeskSignIn).GetAsync($"/api/patients/{duplicate}/appointments")).JsonAsync())["upcoming"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(appointment.Id);
        (await (await api.As(DeskSignIn).GetAsync($"/api/patients/{survivor}/appointments")).JsonAsync())["upcoming"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_merge_is_not_undone_over_a_later_edit_of_the_survivor()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var survivor = await NewPatientAsync("Bo", $"Edit{unique}", $"bo-{unique}@example.com");
        var duplicate = await NewPatientAsync("Bo", $"Edit{unique}", $"bo2-{unique}@example.com");
        var mergeId = (await (await MergeAsync(survivor, new { duplicateId = duplicate })).JsonAsync())["mergeId"]!.GetValue<string>();
        await SetAllergiesAsync(survivor, "Penicillin");

        var undo = await api.As(DeskSignIn).PostAsJsonAsync($"/api/patients/{survivor}/unmerge", new { mergeId });

        undo.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await api.AsAdmin().GetAsync($"/api/patients/{survivor}")).JsonAsync())["allergies"]!.AsArray().Single()!.GetValue<string>().ShouldBe("Penicillin");
    }

    [Fact]
    public async Task The_duplicates_portal_sign_in_opens_the_survivor_after_a_merge_and_its_own_record_after_the_undo()
    {
        var patient = api.As($"patient@{ApiHost.Demo}");
        var survivor = await NewPatientAsync("Pat", "Patient", $"pat-new-{Guid.NewGuid():N}@example.com");

        var mergeId = (await (await MergeAsync(survivor, new { duplicateId = "patient-demo-0000" })).JsonAsync())["mergeId"]!.GetValue<string>();
        var merged = (await (await patient.GetAsync("/api/me")).JsonAsync())["patientId"]!.GetValue<string>();
        await api.As(DeskSignIn).PostAsJsonAsync($"/api/patients/{survivor}/unmerge", new { mergeId });
        var undone = (await (await patient.GetAsync("/api/me")).JsonAsync())["patientId"]!.GetValue<string>();

        merged.ShouldBe(survivor);
        undone.ShouldBe("patient-demo-0000");
    }

    [Fact]
    public async Task A_merge_that_cannot_be_done_says_why_and_changes_nothing()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var survivor = await NewPatientAsync("Cy", $"Bad{unique}", $"cy-{unique}@example.com");
        var other = await NewPatientAsync("Cy", $"Bad{unique}", $"cy2-{unique}@example.com");
        var before = await (await api.AsAdmin().GetAsync($"/api/patients/{survivor}")).JsonAsync();
        var cases = new (object Body, HttpStatusCode Status, string? Field)[]
        {
            (new { duplicateId = survivor }, HttpStatusCode.BadRequest, "duplicateId"),
            (new { duplicateId = "patient-nobody" }, HttpStatusCode.BadRequest, "duplicateId"),
            (new { }, HttpStatusCode.BadRequest, "duplicateId"),
            (new { duplicateId = other, fields = new { allergies = "duplicate" } }, HttpStatusCode.BadRequest, "fields.allergies"),
            (new { duplicateId = other, fields = new { email = "both" } }, HttpStatusCode.BadRequest, "fields.email"),
        };

        foreach (var (body, status, field) in cases)
        {
            var response = await MergeAsync(survivor, body);
            response.StatusCode.ShouldBe(status, JsonSerializer.Serialize(body));
            (await response.JsonAsync())["errors"]![field!].ShouldNotBeNull();
        }

        (await api.As($"patient@{ApiHost.Demo}").PostAsJsonAsync($"/api/patients/{survivor}/merge", new { duplicateId = other })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.As(DeskSignIn).PostAsJsonAsync($"/api/patients/{survivor}/unmerge", new { mergeId = "merge-nothing" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await api.AsAdmin().GetAsync($"/api/patients/{survivor}")).JsonAsync()).ToJsonString().ShouldBe(before.ToJsonString());
        (await api.As(DeskSignIn).GetAsync($"/api/patients/{other}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await MergeAsync(survivor, new { duplicateId = other });
        (await MergeAsync(survivor, new { duplicateId = other })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
