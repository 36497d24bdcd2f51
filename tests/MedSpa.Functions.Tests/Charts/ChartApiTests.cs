using System.Net.Http.Headers;
using System.Text;
using MedSpa.Core.Charts;

namespace MedSpa.Functions.Tests.Charts;

/// <summary>
/// Charting over HTTP: a visit's chart started from its appointment, edited with If-Match, signed, closed for good,
/// amended and shared; who reads what (clinicians who treat the patient; never the desk; the patient what is shared).
/// </summary>
public sealed class ChartApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private Task<(Core.Booking.Appointment Visit, HttpClient Injector, string InjectorEmail)> VisitAsync(string? patientId = null, int dayOffset = 1) =>
        api.ChartableVisitAsync(patientId, dayOffset);

    private static Task<HttpResponseMessage> StartAsync(HttpClient client, string appointmentId, string templateId = ChartedVisits.Neurotoxin, bool copyLastMap = false) =>
        client.StartChartAsync(appointmentId, templateId, copyLastMap);

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string id, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/charts/{id}") { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        }

        return client.SendAsync(request);
    }

    private static object Map(string? lot = "LOT-A1") => new
    {
        points = new object[]
        {
            new { id = "p1", view = "front", x = 0.45, y = 0.22, product = "Xeomin", units = 4, lot, area = "Glabella" },
            new { id = "p2", view = "front", x = 0.55, y = 0.22, product = "Xeomin", units = 4, lot, area = "Glabella" },
            new { id = "p3", view = "front", x = 0.5, y = 0.12, product = "Xeomin", units = 2.5, lot, area = "Forehead" },
        },
        zones = Array.Empty<object>(),
    };

    [Fact]
    public async Task The_injector_charts_a_visit_signs_it_and_then_it_only_takes_amendments()
    {
        var (visit, injector, _) = await VisitAsync();

        var started = await StartAsync(injector, visit.Id);
        var again = await StartAsync(injector, visit.Id);
        var chart = await started.JsonAsync();
        var id = chart["id"]!.GetValue<string>();
        var saved = await PutAsync(injector, id, new { fields = new { concerns = "Frown lines" }, map = Map(), internalNotes = "Nervous; went slowly.", afterCare = "No exercise today." }, started.Headers.ETag!.Tag);
        var signed = await injector.PostAsJsonAsync($"/api/charts/{id}/sign", new { credentials = "RN, aesthetic injector" });
        var lateEdit = await PutAsync(injector, id, new { internalNotes = "changed" }, signed.Headers.ETag!.Tag);
        var amended = await injector.PostAsJsonAsync($"/api/charts/{id}/amend", new { text = "Lot was LOT-A2 for p3." });

        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.JsonAsync())["id"]!.GetValue<string>().ShouldBe(id);
        chart["status"]!.GetValue<string>().ShouldBe("draft");
        var zone = (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Location(visit.LocationId)!.TimeZone;
        chart["visitStart"]!.GetValue<string>().ShouldBe(Core.Scheduling.ClinicTime.ToIsoString(visit.StartTime, zone)); // the clinic's clock, like the appointment
        chart["fields"]!["allergies"]!.GetValue<string>().ShouldBe("No known allergies");
        chart["fields"]!["lastTreatment"]!.GetValue<string>().ShouldBe("First treatment here");
        chart["fields"]!["dilution"]!.GetValue<string>().ShouldBe("2.5 ml per 100 units");
        chart.ContainsKey("tenantId").ShouldBeFalse();
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var totals = (await saved.JsonAsync())["productTotals"]!.AsArray().Single()!;
        totals["units"]!.GetValue<decimal>().ShouldBe(10.5m);
        totals["lot"]!.GetValue<string>().ShouldBe("LOT-A1");
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        var signature = (await signed.JsonAsync())["signature"]!;
        signature["credentials"]!.GetValue<string>().ShouldBe("RN, aesthetic injector");
        lateEdit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        amended.StatusCode.ShouldBe(HttpStatusCode.OK);
        var final = await amended.JsonAsync();
        final["status"]!.GetValue<string>().ShouldBe("signed");
        final["internalNotes"]!.GetValue<string>().ShouldBe("Nervous; went slowly.");
        final["amendments"]!.AsArray().Single()!["text"]!.GetValue<string>().ShouldBe("Lot was LOT-A2 for p3.");
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_to_fix_and_the_chart_stays_as_it_was()
    {
        var (visit, injector, _) = await VisitAsync(dayOffset: 2);
        var started = await StartAsync(injector, visit.Id);
        var id = (await started.JsonAsync())["id"]!.GetValue<string>();
        var etag = started.Headers.ETag!.Tag;

        var noLot = await PutAsync(injector, id, new { map = Map(lot: null) }, etag);
        var unknownField = await PutAsync(injector, id, new { fields = new { notAField = "x" } }, etag);
        var controlCharacters = await PutAsync(injector, id, new { internalNotes = "a\u202Eb" }, etag);
        var noVersion = await PutAsync(injector, id, new { internalNotes = "x" }, null);
        var staleVersion = await PutAsync(injector, id, new { internalNotes = "x" }, "\"stale\"");
        var badTemplate = await StartAsync(injector, visit.Id, "template-nope");
        var badAppointment = await StartAsync(injector, "appt-nope");
        var emptyAmendment = await injector.PostAsJsonAsync($"/api/charts/{id}/amend", new { text = " " });
        var draftAmendment = await injector.PostAsJsonAsync($"/api/charts/{id}/amend", new { text = "too early" });
        var draftShare = await injector.PostAsync($"/api/charts/{id}/share", null);
        var readBack = await injector.GetAsync($"/api/charts/{id}");

        noLot.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noLot.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldContain("map.points[0].lot");
        (await unknownField.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldContain("fields.notAField");
        controlCharacters.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        noVersion.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        staleVersion.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await badTemplate.JsonAsync())["errors"]!["templateId"].ShouldNotBeNull();
        (await badAppointment.JsonAsync())["errors"]!["appointmentId"].ShouldNotBeNull();
        emptyAmendment.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        draftAmendment.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        draftShare.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        readBack.Headers.ETag!.Tag.ShouldBe(etag);
    }

    [Fact]
    public async Task Clinicians_who_treat_the_patient_read_the_chart_the_desk_never_and_the_patient_only_what_is_shared()
    {
        var (visit, injector, injectorEmail) = await VisitAsync(PatientId, dayOffset: 3);
        var id = (await (await StartAsync(injector, visit.Id)).JsonAsync())["id"]!.GetValue<string>();
        var draft = await injector.GetAsync($"/api/charts/{id}");
        await PutAsync(injector, id, new { map = Map(), internalNotes = "Private working notes.", afterCare = "Stay upright for 4 hours." }, draft.Headers.ETag!.Tag);
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var stranger = setup.Staff.First(s => s.Role == StaffRole.Practitioner && s.Id != visit.PractitionerId && !s.Deleted && s.Email != injectorEmail);

        var byDesk = await api.As(DeskSignIn).GetAsync($"/api/charts/{id}");
        var deskList = await api.As(DeskSignIn).GetAsync($"/api/charts/patient/{PatientId}");
        var byStranger = await api.As(stranger.Email).GetAsync($"/api/charts/{id}");
        var byAdmin = await api.AsAdmin().GetAsync($"/api/charts/{id}");
        var deskStarts = await StartAsync(api.As(DeskSignIn), visit.Id);
        var strangerEdits = await PutAsync(api.As(stranger.Email), id, new { internalNotes = "x" }, draft.Headers.ETag!.Tag);
        var beforeSharing = await api.As(PatientSignIn).GetAsync($"/api/charts/{id}");
        await injector.PostAsJsonAsync($"/api/charts/{id}/sign", new { });
        var shared = await injector.PostAsync($"/api/charts/{id}/share", null);
        var patientView = await api.As(PatientSignIn).GetAsync($"/api/charts/{id}");
        var patientList = await (await api.As(PatientSignIn).GetAsync($"/api/charts/patient/{PatientId}")).JsonAsync();

        byDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        deskList.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        deskStarts.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byStranger.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        strangerEdits.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.OK);
        beforeSharing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        shared.StatusCode.ShouldBe(HttpStatusCode.OK);
        var seen = await patientView.Content.ReadAsStringAsync();
        patientView.StatusCode.ShouldBe(HttpStatusCode.OK, seen);
        seen.ShouldContain("Stay upright for 4 hours.");
        seen.ShouldContain("Glabella");
        seen.ShouldNotContain("Private working notes.");
        seen.ShouldNotContain("LOT-A1");
        patientList["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ShouldContain(id);
        var audit = await api.Services.GetRequiredService<Core.Audit.AuditStore>().ListAsync(new Core.Access.Caller("a", "a", "a", "demo", Core.Access.Role.Admin), 500, null);
        audit.Value!.Items.Select(e => e.Body).ShouldContain(e => e.Resource.Contains(id, StringComparison.Ordinal) && e.Actor.Email == DeskSignIn);
    }

    [Fact]
    public async Task A_repeat_patient_starts_from_last_visits_map_without_its_lots_and_sees_it_as_the_last_treatment()
    {
        var patient = await api.NewPatientAsync("Rita", "Repeat");
        var (first, injector, _) = await VisitAsync(patient, dayOffset: 4);
        var firstChart = await StartAsync(injector, first.Id);
        var firstId = (await firstChart.JsonAsync())["id"]!.GetValue<string>();
        await PutAsync(injector, firstId, new { map = Map() }, firstChart.Headers.ETag!.Tag);
        await injector.PostAsJsonAsync($"/api/charts/{firstId}/sign", new { });
        var (second, secondInjector, _) = await VisitAsync(patient, dayOffset: 9);

        var copied = await (await StartAsync(secondInjector, second.Id, copyLastMap: true)).JsonAsync();

        copied["map"]!["points"]!.AsArray().Count.ShouldBe(3);
        copied["map"]!["points"]!.AsArray().ShouldAllBe(p => p!["lot"] == null);
        copied["fields"]!["lastTreatment"]!.GetValue<string>().ShouldStartWith("Neurotoxin on ");
        copied["fields"]!["lastTreatment"]!.GetValue<string>().ShouldContain("Xeomin 10.5 units");
    }

    [Fact]
    public async Task A_draft_left_a_day_after_the_visit_is_locked_unsigned_and_can_still_be_signed()
    {
        var (visit, injector, _) = await VisitAsync(dayOffset: 5);
        var id = (await (await StartAsync(injector, visit.Id)).JsonAsync())["id"]!.GetValue<string>();
        int locked;
        HttpResponseMessage signedLate;
        using (api.Clock.At(visit.StartTime.AddHours(25)))
        {
            locked = await api.Services.GetRequiredService<LockOverdueCharts>().LockAsync();
            signedLate = await injector.PostAsJsonAsync($"/api/charts/{id}/sign", new { });
        }

        locked.ShouldBeGreaterThanOrEqualTo(1);
        var chart = await signedLate.JsonAsync();
        chart["status"]!.GetValue<string>().ShouldBe("signed");
        chart["lockedBy"]!.GetValue<string>().ShouldStartWith("Automatic");
        chart["lockedAt"]!.GetValue<DateTimeOffset>().ShouldBeLessThan(chart["signature"]!["at"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task The_built_in_templates_come_with_every_clinic_and_an_admin_adds_the_clinics_own()
    {
        var added = await api.AsAdmin().PostAsJsonAsync("/api/charts/templates", new
        {
            name = "Lip flip", treatment = "neurotoxin", diagram = "face",
            fields = new object[] { new { id = "notes", label = "Notes", type = "long-text", quickPhrases = new[] { "Lip flip, 4 units" } } },
        });
        var byInjector = await api.As(InjectorSignIn).PostAsJsonAsync("/api/charts/templates", new { name = "Mine", treatment = "soap", diagram = "none", fields = new object[] { new { id = "a", label = "A", type = "text" } } });
        var badTemplate = await api.AsAdmin().PostAsJsonAsync("/api/charts/templates", new { name = "", treatment = "botox", diagram = "face", fields = Array.Empty<object>() });
        var list = await (await api.As(InjectorSignIn).GetAsync("/api/charts/templates")).JsonAsync();

        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        byInjector.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        badTemplate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var names = list["items"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        names.Take(7).ShouldBe(["SOAP note", "Neurotoxin", "Dermal filler", "Laser", "Chemical peel", "Microneedling", "IV therapy"]); // built in, first
        names.ShouldContain("Lip flip");
        list["items"]![1]!["lotRequired"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task An_admin_edits_the_clinics_own_template_with_the_version_read_and_a_started_chart_keeps_a_dropped_field()
    {
        var admin = api.AsAdmin();
        var added = await (await admin.PostAsJsonAsync("/api/charts/templates", new
        {
            name = "Thread lift", treatment = "soap", diagram = "face",
            fields = new object[] { new { id = "threads", label = "Threads used", type = "text" }, new { id = "notes", label = "Notes", type = "long-text" } },
        })).JsonAsync();
        var id = added["id"]!.GetValue<string>();
        var (visit, injector, _) = await VisitAsync(dayOffset: 7);
        var started = await StartAsync(injector, visit.Id, id);
        var chartId = (await started.JsonAsync())["id"]!.GetValue<string>();
        var read = await admin.GetAsync($"/api/charts/templates/{id}");
        var edited = new
        {
            name = "PDO thread lift", treatment = "soap", diagram = "face",
            fields = new object[] { new { id = "notes", label = "Notes", type = "long-text", quickPhrases = new[] { "Mild swelling expected" } } },
        };

        HttpRequestMessage Put(string templateId, object body, string? etag)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/charts/templates/{templateId}") { Content = JsonContent.Create(body) };
            if (etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", etag);
            }

            return request;
        }

        var noVersion = await admin.SendAsync(Put(id, edited, null));
        var byInjector = await injector.SendAsync(Put(id, edited, read.Headers.ETag!.Tag));
        var builtIn = await admin.SendAsync(Put(ChartedVisits.Neurotoxin, edited, "\"any\""));
        var unknown = await admin.SendAsync(Put("template-nope", edited, "\"any\""));
        var noFields = await admin.SendAsync(Put(id, new { name = "X", treatment = "soap", diagram = "face", fields = Array.Empty<object>() }, read.Headers.ETag!.Tag));
        var saved = await admin.SendAsync(Put(id, edited, read.Headers.ETag!.Tag));
        var stale = await admin.SendAsync(Put(id, edited, read.Headers.ETag!.Tag));
        var keptField = await PutAsync(injector, chartId, new { fields = new { threads = "4 PDO threads", notes = "ok" } }, started.Headers.ETag!.Tag);

        noVersion.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        byInjector.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        builtIn.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        noFields.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await saved.JsonAsync())["name"]!.GetValue<string>().ShouldBe("PDO thread lift");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var reread = await (await admin.GetAsync($"/api/charts/templates/{id}")).JsonAsync();
        reread["fields"]!.AsArray().Single()!["quickPhrases"]![0]!.GetValue<string>().ShouldBe("Mild swelling expected");
        keptField.StatusCode.ShouldBe(HttpStatusCode.OK, await keptField.Content.ReadAsStringAsync());
        (await keptField.JsonAsync())["fields"]!["threads"]!.GetValue<string>().ShouldBe("4 PDO threads");
        (await (await injector.GetAsync($"/api/charts/templates/{ChartedVisits.Neurotoxin}")).JsonAsync())["builtIn"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_recall_finds_every_patient_injected_from_the_lot_and_no_one_else()
    {
        var lot = $"RC{Guid.NewGuid():N}"[..12];
        var charted = new List<(string Patient, string Chart)>();
        foreach (var (name, written, day) in new[] { ("Rhea", lot, 11), ("Ruth", $"  {lot.ToLowerInvariant()} ", 12), ("Rosa", "OTHER-1", 13) })
        {
            var patient = await api.NewPatientAsync(name, "Recall");
            var (visit, injector, _) = await VisitAsync(patient, day);
            var started = await StartAsync(injector, visit.Id);
            var id = (await started.JsonAsync())["id"]!.GetValue<string>();
            (await PutAsync(injector, id, new { map = Map(written) }, started.Headers.ETag!.Tag)).StatusCode.ShouldBe(HttpStatusCode.OK);
            charted.Add((patient, id));
        }

        var found = await api.AsAdmin().GetAsync($"/api/charts/lots/{lot}");
        var byInjector = await api.As(InjectorSignIn).GetAsync($"/api/charts/lots/{lot}");
        var byDesk = await api.As(DeskSignIn).GetAsync($"/api/charts/lots/{lot}");
        var tooLong = await api.AsAdmin().GetAsync($"/api/charts/lots/{new string('L', 61)}");
        var control = await api.AsAdmin().GetAsync("/api/charts/lots/LOT%01X");

        found.StatusCode.ShouldBe(HttpStatusCode.OK, await found.Content.ReadAsStringAsync());
        var items = (await found.JsonAsync())["items"]!.AsArray();
        items.Select(i => i!["patientId"]!.GetValue<string>()).Order().ShouldBe(new[] { charted[0].Patient, charted[1].Patient }.Order());
        items.ShouldAllBe(i => i!["units"]!.GetValue<decimal>() == 10.5m && i["product"]!.GetValue<string>() == "Xeomin");
        items.Select(i => i!["patientName"]!.GetValue<string>()).ShouldContain(n => n.StartsWith("Rhea ", StringComparison.Ordinal));
        byInjector.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await tooLong.JsonAsync())["errors"]!["lot"].ShouldNotBeNull();
        control.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_chart_shared_as_its_after_care_only_shows_the_patient_no_products_areas_or_photos_until_shared_whole()
    {
        var (visit, injector, _) = await VisitAsync(PatientId, dayOffset: 14);
        var started = await StartAsync(injector, visit.Id);
        var id = (await started.JsonAsync())["id"]!.GetValue<string>();
        await PutAsync(injector, id, new { map = Map(), afterCare = "Ice for ten minutes." }, started.Headers.ETag!.Tag);
        await injector.PostAsJsonAsync($"/api/charts/{id}/sign", new { });
        var photo = await (await injector.PostAsync($"/api/charts/{id}/photos?angle=front",
            new ByteArrayContent(MedSpa.Tests.Support.TestPhotos.JpegWithGps()) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } })).JsonAsync();
        var patient = api.As(PatientSignIn);

        var badPart = await injector.PostAsync($"/api/charts/{id}/share?part=lots", null);
        var afterCare = await injector.PostAsync($"/api/charts/{id}/share?part=after-care", null);
        var seen = await (await patient.GetAsync($"/api/charts/{id}")).JsonAsync();
        var photosThen = await (await patient.GetAsync($"/api/patients/{PatientId}/photos")).JsonAsync();
        var imageThen = await patient.GetAsync(photo["url"]!.GetValue<string>());
        var whole = await injector.PostAsync($"/api/charts/{id}/share", null);
        var seenWhole = await (await patient.GetAsync($"/api/charts/{id}")).JsonAsync();
        var photosNow = await (await patient.GetAsync($"/api/patients/{PatientId}/photos")).JsonAsync();

        (await badPart.JsonAsync())["errors"]!["part"].ShouldNotBeNull();
        (await afterCare.JsonAsync())["sharesAfterCareOnly"]!.GetValue<bool>().ShouldBeTrue();
        seen["afterCare"]!.GetValue<string>().ShouldBe("Ice for ten minutes.");
        seen["products"]!.AsArray().ShouldBeEmpty();
        seen["areas"]!.AsArray().ShouldBeEmpty();
        photosThen["items"]!.AsArray().ShouldNotContain(p => p!["id"]!.GetValue<string>() == photo["id"]!.GetValue<string>());
        imageThen.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await whole.JsonAsync())["sharesAfterCareOnly"]!.GetValue<bool>().ShouldBeFalse();
        seenWhole["products"]!.AsArray().Single()!["product"]!.GetValue<string>().ShouldBe("Xeomin");
        photosNow["items"]!.AsArray().ShouldContain(p => p!["id"]!.GetValue<string>() == photo["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_neurotoxin_chart_keeps_needing_lots_when_its_template_is_edited_into_another_treatment()
    {
        var admin = api.AsAdmin();
        var added = await admin.PostAsJsonAsync("/api/charts/templates", new
        {
            name = "Baby tox", treatment = "neurotoxin", diagram = "face", fields = new object[] { new { id = "notes", label = "Notes", type = "long-text" } },
        });
        var id = (await added.JsonAsync())["id"]!.GetValue<string>();
        var (visit, injector, _) = await VisitAsync(dayOffset: 16);
        var started = await StartAsync(injector, visit.Id, id);
        var chartId = (await started.JsonAsync())["id"]!.GetValue<string>();
        var template = await admin.GetAsync($"/api/charts/templates/{id}");
        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/charts/templates/{id}")
        {
            Content = JsonContent.Create(new { name = "Baby tox", treatment = "soap", diagram = "face", fields = new object[] { new { id = "notes", label = "Notes", type = "long-text" } } }),
        };
        edit.Headers.TryAddWithoutValidation("If-Match", template.Headers.ETag!.Tag);
        (await admin.SendAsync(edit)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var noLot = await PutAsync(injector, chartId, new { map = Map(lot: null) }, started.Headers.ETag!.Tag);

        (await noLot.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldContain("map.points[0].lot"); // a recall still finds this patient
    }
}
