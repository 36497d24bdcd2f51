using System.Net.Http.Headers;
using System.Text;
using MedSpa.Core.Audit;

namespace MedSpa.Functions.Tests.Patients;

/// <summary>
/// The patient record over HTTP: who sees which part, edits with If-Match that change only what the caller may change,
/// bad input refused with nothing written, archive and restore, and the desk's search.
/// </summary>
public sealed class PatientApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Desk = $"frontdesk@{ApiHost.Demo}";

    private async Task<string> NewPatientAsync(string last, string? phone = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var created = await api.As(Desk).PostAsJsonAsync("/api/patients", new { firstName = "Tess", lastName = last, email = $"{last.ToLowerInvariant()}-{unique}@example.com", phone });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.JsonAsync())["id"]!.GetValue<string>();
    }

    private async Task<(JsonObject Body, string ETag)> ReadAsync(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/patients/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync(), response.Headers.ETag!.Tag);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string id, string json, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/patients/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        }

        return client.SendAsync(request);
    }

    private static string With(JsonObject body, Action<JsonObject> change)
    {
        var copy = body.DeepClone().AsObject();
        change(copy);
        return copy.ToJsonString();
    }

    [Fact]
    public async Task The_desk_sees_contact_details_and_clinicians_see_allergies_first()
    {
        var id = await NewPatientAsync("Allergic");
        var (asAdmin, etag) = await ReadAsync(api.AsAdmin(), id);
        var saved = await PutAsync(api.AsAdmin(), id, With(asAdmin, b => b["allergies"] = new JsonArray("Lidocaine", "Latex")), etag);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var (asDesk, _) = await ReadAsync(api.As(Desk), id);
        var (again, _) = await ReadAsync(api.AsAdmin(), id);

        asDesk.ContainsKey("allergies").ShouldBeFalse();
        asDesk.ContainsKey("medications").ShouldBeFalse();
        asDesk["status"]!.GetValue<string>().ShouldBe("active");
        again["allergies"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["Lidocaine", "Latex"]);
        asDesk.ContainsKey("tenantId").ShouldBeFalse();
    }

    [Fact]
    public async Task Every_read_of_a_record_is_in_the_audit_log()
    {
        var id = await NewPatientAsync("Audited");
        await ReadAsync(api.As(Desk), id);

        var log = await api.Services.GetRequiredService<AuditStore>().ListAsync(new Core.Access.Caller("a", "a", "a", "demo", Core.Access.Role.Admin), 500, null);
        log.Value!.Items.Select(e => e.Body).ShouldContain(e => e.Resource.Contains(id, StringComparison.Ordinal) && e.Actor.Email == Desk && e.Action.Contains("GetPatient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_patient_reads_their_own_record_and_no_one_elses()
    {
        var me = await (await api.As($"patient@{ApiHost.Demo}").GetAsync("/api/me")).JsonAsync();
        var mine = me["patientId"]!.GetValue<string>();
        var someoneElse = await NewPatientAsync("Private");

        var (own, _) = await ReadAsync(api.As($"patient@{ApiHost.Demo}"), mine);
        var other = await api.As($"patient@{ApiHost.Demo}").GetAsync($"/api/patients/{someoneElse}");

        own["id"]!.GetValue<string>().ShouldBe(mine);
        own.ContainsKey("tags").ShouldBeFalse();
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        other.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_practitioner_sees_the_patients_they_are_booked_with_and_may_not_refile_them()
    {
        var id = await NewPatientAsync("Treated");
        var booked = await api.BookFirstFreeAsync("demo", id, dayOffset: 4);
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var practitioner = setup.Member(booked.PractitionerId)!;
        var other = setup.Staff.First(s => s.Role == StaffRole.Practitioner && s.Id != practitioner.Id && !s.Deleted);
        var stranger = await NewPatientAsync("Stranger");

        var (record, etag) = await ReadAsync(api.As(practitioner.Email), id);
        var tabs = await (await api.As(practitioner.Email).GetAsync($"/api/patients/{id}/appointments")).JsonAsync();
        var refiled = await PutAsync(api.As(practitioner.Email), id, With(record, b => b["tags"] = new JsonArray("vip")), etag);

        (await api.As(practitioner.Email).GetAsync($"/api/patients/{stranger}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.As(other.Email).GetAsync($"/api/patients/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.As(other.Email).GetAsync($"/api/patients/{id}/appointments")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        tabs["upcoming"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ShouldBe([booked.Id]);
        tabs["noShows"]!.GetValue<int>().ShouldBe(0);
        tabs["lateCancellations"]!.GetValue<int>().ShouldBe(0);
        refiled.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refiled.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("tags");
        (await ReadAsync(api.AsAdmin(), id)).ETag.ShouldBe(etag);
    }

    [Fact]
    public async Task An_edit_needs_the_version_it_was_made_on_and_stores_phone_numbers_in_E164()
    {
        var id = await NewPatientAsync("Versioned");
        var (record, etag) = await ReadAsync(api.As(Desk), id);

        var unversioned = await PutAsync(api.As(Desk), id, With(record, b => b["phone"] = "(415) 555-0142"), null);
        var saved = await PutAsync(api.As(Desk), id, With(record, b => b["phone"] = "(415) 555-0142"), etag);
        var stale = await PutAsync(api.As(Desk), id, With(record, b => b["pronouns"] = "he/him"), etag);

        unversioned.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await saved.JsonAsync())["phone"]!.GetValue<string>().ShouldBe("+14155550142");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("firstName", "\"Tess\\u202Eevil\"", "firstName")]
    [InlineData("firstName", "\"\"", "firstName")]
    [InlineData("dateOfBirth", "\"2999-01-01\"", "dateOfBirth")]
    [InlineData("dateOfBirth", "\"23/04/1988\"", "dateOfBirth")]
    [InlineData("phone", "\"12\"", "phone")]
    [InlineData("status", "\"asleep\"", "status")]
    [InlineData("status", "3", "status")]
    [InlineData("allergies", "\"latex\"", "allergies")]
    [InlineData("address", "{\"line1\":\"1 Main\",\"city\":\"Austin\",\"region\":\"TX\",\"postalCode\":\"1\",\"country\":\"USA\"}", "address.country")]
    public async Task Bad_input_is_a_field_error_and_nothing_changes(string field, string json, string errorKey)
    {
        var id = await NewPatientAsync("Careful");
        var (record, etag) = await ReadAsync(api.AsAdmin(), id);

        var response = await PutAsync(api.AsAdmin(), id, With(record, b => b[field] = JsonNode.Parse(json)), etag);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldContain(errorKey);
        (await ReadAsync(api.AsAdmin(), id)).ETag.ShouldBe(etag);
    }

    [Fact]
    public async Task Too_many_entries_duplicate_keys_and_huge_bodies_are_refused()
    {
        var id = await NewPatientAsync("Bounded");
        var (record, etag) = await ReadAsync(api.AsAdmin(), id);

        var many = await PutAsync(api.AsAdmin(), id, With(record, b => b["allergies"] = new JsonArray([.. Enumerable.Range(0, 51).Select(i => (JsonNode)$"a{i}")])), etag);
        var twice = await PutAsync(api.AsAdmin(), id, record.ToJsonString()[..^1] + ",\"firstName\":\"Other\"}", etag);
        var huge = await PutAsync(api.AsAdmin(), id, With(record, b => b["pronouns"] = new string('x', 2 * 1024 * 1024)), etag);

        many.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((int)huge.StatusCode).ShouldBeInRange(400, 499);
        (await ReadAsync(api.AsAdmin(), id)).ETag.ShouldBe(etag);
    }

    [Fact]
    public async Task An_archived_patient_leaves_the_list_and_comes_back_when_restored()
    {
        var id = await NewPatientAsync("Archivable", phone: "415 555 0188");
        var (_, etag) = await ReadAsync(api.AsAdmin(), id);
        async Task<string[]> FoundAsync(string q) =>
            [.. (await (await api.As(Desk).GetAsync($"/api/patients?q={Uri.EscapeDataString(q)}")).JsonAsync())["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

        (await FoundAsync("+1 (415) 555-0188")).ShouldBe([id]);
        (await FoundAsync("archiv")).ShouldContain(id);

        var byDesk = await api.As(Desk).SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/patients/{id}") { Headers = { IfMatch = { new EntityTagHeaderValue(etag) } } });
        var archived = await api.AsAdmin().SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/patients/{id}") { Headers = { IfMatch = { new EntityTagHeaderValue(etag) } } });

        byDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        archived.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await FoundAsync("archiv")).ShouldNotContain(id);
        var (record, archivedETag) = await ReadAsync(api.AsAdmin(), id);
        record["archived"]!.GetValue<bool>().ShouldBeTrue();

        var restored = await api.AsAdmin().SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/patients/{id}/restore") { Headers = { IfMatch = { new EntityTagHeaderValue(archivedETag) } } });
        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FoundAsync("archiv")).ShouldContain(id);
    }

    [Fact]
    public async Task The_appointments_tab_counts_no_shows_and_late_cancellations()
    {
        var id = await NewPatientAsync("Unreliable");
        var missed = await api.BookFirstFreeAsync("demo", id, dayOffset: 5);
        var lateCancelled = await api.BookFirstFreeAsync("demo", id, dayOffset: 9);
        var kept = await api.BookFirstFreeAsync("demo", id, dayOffset: 13);
        var desk = api.As(Desk); // signed in now: tokens are checked against the real clock, the app's rules against the moved one

        using (api.Clock.At(missed.StartTime.AddMinutes(20)))
        {
            (await desk.PostAsJsonAsync($"/api/appointments/{missed.Id}/status", new { status = "no-show" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (api.Clock.At(lateCancelled.StartTime.AddHours(-2)))
        {
            (await desk.DeleteAsync($"/api/booking/appointments/{lateCancelled.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var tabs = await (await desk.GetAsync($"/api/patients/{id}/appointments")).JsonAsync();

        tabs["noShows"]!.GetValue<int>().ShouldBe(1);
        tabs["lateCancellations"]!.GetValue<int>().ShouldBe(1);
        tabs["upcoming"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ShouldBe([kept.Id]);
        tabs["cancelled"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ShouldBe([lateCancelled.Id, missed.Id]);
    }

    [Fact]
    public async Task A_patient_reads_who_looked_at_their_record_by_name_and_role_without_internal_ids()
    {
        var patient = api.As($"patient@{ApiHost.Demo}");
        var mine = (await (await patient.GetAsync("/api/me")).JsonAsync())["patientId"]!.GetValue<string>();
        var desk = (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Staff.Single(s => s.Email == Desk);
        await ReadAsync(api.As(Desk), mine);
        await ReadAsync(patient, mine);
        var someoneElse = await NewPatientAsync("Elsewhere");

        var response = await patient.GetAsync($"/api/patients/{mine}/access-log");
        var log = (await response.JsonAsync())["items"]!.AsArray();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        log.ShouldContain(e => e!["who"]!.GetValue<string>() == desk.DisplayName && e["role"]!.GetValue<string>() == "Front desk" && e["what"]!.GetValue<string>() == "Viewed the record");
        log.ShouldContain(e => e!["who"]!.GetValue<string>() == "You");
        log.SelectMany(e => e!.AsObject().Select(p => p.Key)).Distinct().Order().ShouldBe(["at", "refused", "role", "what", "who"]);
        log.ToJsonString().ShouldNotContain(desk.Email);
        (await patient.GetAsync($"/api/patients/{someoneElse}/access-log")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.As(Desk).GetAsync($"/api/patients/{mine}/access-log")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.AsAdmin().GetAsync($"/api/patients/{mine}/access-log")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_patient_exports_everything_held_on_them_and_only_their_own()
    {
        var patient = api.As($"patient@{ApiHost.Demo}");
        var mine = (await (await patient.GetAsync("/api/me")).JsonAsync())["patientId"]!.GetValue<string>();
        var booked = await api.BookFirstFreeAsync("demo", mine, dayOffset: 6);
        var someoneElse = await NewPatientAsync("NotYours");
        await ReadAsync(api.As(Desk), mine);
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var consent = setup.Services.Single(s => s.Name == "Xeomin").RequiredConsentIds[0];
        var version = (await (await patient.GetAsync($"/api/forms/{consent}/versions/latest")).JsonAsync())["version"]!.GetValue<int>();
        (await patient.PostAsJsonAsync($"/api/forms/{consent}/submit", new { patientId = mine, version, answers = new { risksRead = Forms.SampleForms.Drawn, signature = Forms.SampleForms.Drawn }, signerName = "Pat Patient" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await patient.GetAsync($"/api/patients/{mine}/export");
        var export = await response.JsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition?.DispositionType.ShouldBe("attachment");
        export["patient"]!["id"]!.GetValue<string>().ShouldBe(mine);
        export["patient"]!.AsObject().ContainsKey("allergies").ShouldBeTrue();
        export["appointments"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ShouldContain(booked.Id);
        export["accessLog"]!.AsArray().ShouldContain(e => e!["role"]!.GetValue<string>() == "Front desk" && e["what"]!.GetValue<string>() == "Viewed the record");
        export.ContainsKey("messages").ShouldBeTrue();
        var signed = export["forms"]!.AsArray().Single()!;
        signed["formName"]!.GetValue<string>().ShouldBe("Neurotoxin consent");
        signed["answers"]!["signature"]!.GetValue<string>().ShouldBe(Forms.SampleForms.Drawn);
        signed["contentHash"]!.GetValue<string>().ShouldStartWith("sha256:");
        export.ToJsonString().ShouldNotContain("tenantId");
        (await patient.GetAsync($"/api/patients/{someoneElse}/export")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.As(Desk).GetAsync($"/api/patients/{mine}/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Staff_log_a_call_and_the_card_lists_it_with_what_the_clinic_sent()
    {
        var id = await NewPatientAsync("Caller");
        var before = api.Snapshot();
        var bad = await api.As(Desk).PostAsJsonAsync($"/api/patients/{id}/communications", new { channel = "pigeon", direction = "inbound", subject = "Hi" });
        var empty = await api.As(Desk).PostAsJsonAsync($"/api/patients/{id}/communications", new { channel = "phone", direction = "inbound", subject = " " });
        api.Snapshot().ShouldBe(before);

        var logged = await api.As(Desk).PostAsJsonAsync($"/api/patients/{id}/communications",
            new { channel = "phone", direction = "inbound", subject = "Asked about filler aftercare", body = "Advised ice, no exercise for 24 h." });
        var log = (await (await api.As(Desk).GetAsync($"/api/patients/{id}/communications")).JsonAsync())["items"]!.AsArray();

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        logged.StatusCode.ShouldBe(HttpStatusCode.Created);
        var entry = log.Single(e => e!["subject"]!.GetValue<string>() == "Asked about filler aftercare")!;
        entry["channel"]!.GetValue<string>().ShouldBe("phone");
        entry["byRole"]!.GetValue<string>().ShouldBe("frontdesk");
        entry.AsObject().ContainsKey("tenantId").ShouldBeFalse();
        (await api.As($"patient@{ApiHost.Demo}").PostAsJsonAsync($"/api/patients/{id}/communications", new { channel = "note", direction = "inbound", subject = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.As($"patient@{ApiHost.Demo}").GetAsync($"/api/patients/{id}/communications")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_parent_on_a_childs_record_manages_it_from_the_portal()
    {
        var parent = api.As($"patient@{ApiHost.Demo}");
        var parentId = (await (await parent.GetAsync("/api/me")).JsonAsync())["patientId"]!.GetValue<string>();
        var child = await NewPatientAsync("Junior");
        var stranger = await NewPatientAsync("Unlinked");
        (await parent.GetAsync($"/api/patients/{child}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var before = api.Snapshot();

        foreach (var refused in new object[]
        {
            new { relatedPatientId = parentId, relationship = "uncle" },
            new { relatedPatientId = child, relationship = "parent" },
            new { relatedPatientId = parentId, relationship = "spouse", primaryContact = true },
            new { relatedPatientId = "patient-nobody", relationship = "parent" },
        })
        {
            (await api.As(Desk).PostAsJsonAsync($"/api/patients/{child}/relationships", refused)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, refused.ToString());
        }

        api.Snapshot().ShouldBe(before);
        var linked = await api.As(Desk).PostAsJsonAsync($"/api/patients/{child}/relationships", new { relatedPatientId = parentId, relationship = "parent", primaryContact = true });
        linked.StatusCode.ShouldBe(HttpStatusCode.Created, await linked.Content.ReadAsStringAsync());

        var (record, etag) = await ReadAsync(parent, child);
        var saved = await PutAsync(parent, child, With(record, b => b["phone"] = "415 555 0190"), etag);
        var parentsFamily = (await (await parent.GetAsync($"/api/patients/{parentId}/relationships")).JsonAsync())["items"]!.AsArray();

        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await parent.GetAsync($"/api/patients/{child}/access-log")).StatusCode.ShouldBe(HttpStatusCode.OK);
        parentsFamily.ShouldContain(m => m!["patientId"]!.GetValue<string>() == child && m["relationship"]!.GetValue<string>() == "child");
        (await linked.JsonAsync())["items"]!.AsArray().Single()!["primaryContact"]!.GetValue<bool>().ShouldBeTrue();
        (await parent.GetAsync($"/api/patients/{stranger}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await parent.PostAsJsonAsync($"/api/patients/{child}/relationships", new { relatedPatientId = stranger, relationship = "sibling" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_demo_clinics_patients_have_numbers_that_can_be_stored_as_they_are()
    {
        var seeded = await api.Services.GetRequiredService<FindPatients>().FindAsync(new Core.Access.Caller("d", Desk, "Desk", "demo", Core.Access.Role.FrontDesk), new PatientListQuery(PageSize: 100));

        seeded.Value!.Items.Where(d => d.Id.StartsWith("patient-demo-", StringComparison.Ordinal)).ShouldAllBe(d => PatientPhone.ToE164(d.Body.Phone, "US") == d.Body.Phone);
    }

    [Fact]
    public async Task Erasure_removes_contact_details_and_keeps_the_clinical_record_saying_why()
    {
        var id = await NewPatientAsync("Forgettable", phone: "415 555 0177");
        var (record, etag) = await ReadAsync(api.AsAdmin(), id);
        var withAllergy = await PutAsync(api.AsAdmin(), id, With(record, b => b["allergies"] = new JsonArray("Latex")), etag);
        var allergyETag = withAllergy.Headers.ETag!.Tag;
        (await api.As(Desk).PostAsJsonAsync($"/api/patients/{id}/communications", new { channel = "phone", direction = "inbound", subject = "Asked to be forgotten" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        HttpRequestMessage Erase(string? version) => new(HttpMethod.Post, $"/api/patients/{id}/erasure") { Headers = { IfMatch = { new EntityTagHeaderValue(version ?? "\"x\"") } } };
        var byDesk = await api.As(Desk).SendAsync(Erase(allergyETag));
        var stale = await api.AsAdmin().SendAsync(Erase(etag));
        var erased = await api.AsAdmin().SendAsync(Erase(allergyETag));
        var report = await erased.JsonAsync();
        var (after, _) = await ReadAsync(api.AsAdmin(), id);
        var log = (await (await api.AsAdmin().GetAsync($"/api/patients/{id}/communications")).JsonAsync())["items"]!.AsArray();

        byDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        erased.StatusCode.ShouldBe(HttpStatusCode.OK);
        report["kept"]!.AsArray().ShouldAllBe(k => k!["why"]!.GetValue<string>().Length > 10);
        after["displayName"]!.GetValue<string>().ShouldBe("Erased patient");
        after.ContainsKey("email").ShouldBeFalse();
        after.ContainsKey("phone").ShouldBeFalse();
        after["archived"]!.GetValue<bool>().ShouldBeTrue();
        after["allergies"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["Latex"]);
        log.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("status=asleep", "status")]
    [InlineData("continuationToken=nope", "continuationToken")]
    [InlineData("includeArchived=maybe", "includeArchived")]
    public async Task A_list_query_that_cannot_be_read_is_a_field_error(string query, string field)
    {
        var response = await api.As(Desk).GetAsync($"/api/patients?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field);
    }
}
