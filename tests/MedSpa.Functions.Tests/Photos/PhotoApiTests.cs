using System.Net.Http.Headers;
using MedSpa.Core.Forms;
using MedSpa.Tests.Support;

namespace MedSpa.Functions.Tests.Photos;

/// <summary>
/// Clinical photos over HTTP: filed with a visit's chart from a camera, kept without their metadata, read by the
/// clinicians who treat the patient (never the desk) and by the patient once the chart is shared; only real photos
/// of a sane size are taken; only photos whose patient allows it today are in the marketing export.
/// </summary>
public sealed class PhotoApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static ByteArrayContent Upload(byte[] bytes, string type = "image/jpeg") =>
        new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(type) } };

    private async Task<(string ChartId, HttpClient Injector, string InjectorEmail)> ChartAsync(string patientId, int dayOffset)
    {
        var (visit, injector, email) = await api.ChartableVisitAsync(patientId, dayOffset);
        var started = await injector.StartChartAsync(visit.Id);
        return ((await started.JsonAsync())["id"]!.GetValue<string>(), injector, email);
    }

    private static async Task<JsonNode> AddAsync(HttpClient injector, string chartId, string angle = "front", byte[]? photo = null)
    {
        var added = await injector.PostAsync($"/api/charts/{chartId}/photos?angle={angle}", Upload(photo ?? TestPhotos.JpegWithGps(600, 400, orientation: 6)));
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return await added.JsonAsync();
    }

    private static async Task<List<string>> IdsAsync(HttpResponseMessage list) =>
        [.. (await list.JsonAsync())["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>())];

    /// <summary>A photo release on file, as the patient signs it on the form (marketing yes or no).</summary>
    private async Task SignPhotoReleaseAsync(string patientId, bool marketing, DateTimeOffset at)
    {
        var answers = new Dictionary<string, JsonElement> { ["marketing"] = JsonSerializer.SerializeToElement(marketing) };
        await api.Services.GetRequiredService<FormStore>().AddSubmissionAsync(new FormSubmission(
            $"submission-{Guid.NewGuid():N}", "demo", patientId, "form-photo-release", "Photo release", FormKind.PhotoRelease, 1, null, answers,
            "The patient", at, new SubmittedBy("The patient", "patient"), null, null, "I allow photos.", "hash", ExpiresAt: null));
    }

    [Fact]
    public async Task The_injector_files_a_before_and_an_after_and_the_patient_sees_them_once_shared()
    {
        var (before, injector, _) = await ChartAsync(PatientId, dayOffset: 1);
        var (after, _, _) = await ChartAsync(PatientId, dayOffset: 15);
        var beforePhoto = await AddAsync(injector, before);
        var afterPhoto = await AddAsync(injector, after);
        await AddAsync(injector, after, "left-profile");

        beforePhoto["angle"]!.GetValue<string>().ShouldBe("front");
        (beforePhoto["width"]!.GetValue<int>(), beforePhoto["height"]!.GetValue<int>()).ShouldBe((400, 600)); // turned upright as the camera said
        beforePhoto["consent"]!.GetValue<string>().ShouldBe("none");
        beforePhoto["visitStart"]!.GetValue<string>().ShouldNotEndWith("Z"); // the clinic's clock, with its offset
        var image = await injector.GetAsync(beforePhoto["url"]!.GetValue<string>());
        var thumbnail = await injector.GetAsync(beforePhoto["thumbnailUrl"]!.GetValue<string>());
        image.StatusCode.ShouldBe(HttpStatusCode.OK);
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        var kept = await image.Content.ReadAsByteArrayAsync();
        kept.AsSpan().IndexOf("Exif"u8).ShouldBe(-1); // no EXIF block: no GPS position, no camera serial
        (await thumbnail.Content.ReadAsByteArrayAsync()).Length.ShouldBeLessThan(kept.Length);

        var fronts = await injector.GetAsync($"/api/patients/{PatientId}/photos?angle=front");
        (await IdsAsync(fronts)).ShouldBe([afterPhoto["id"]!.GetValue<string>(), beforePhoto["id"]!.GetValue<string>()]); // the latest visit first
        (await IdsAsync(await injector.GetAsync($"/api/charts/{after}/photos"))).Count.ShouldBe(2);

        var patient = api.As(PatientSignIn);
        (await IdsAsync(await patient.GetAsync($"/api/patients/{PatientId}/photos"))).ShouldBeEmpty();
        (await patient.GetAsync($"/api/charts/{before}/photos")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await patient.GetAsync(beforePhoto["url"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var chart in new[] { before, after })
        {
            (await injector.PostAsJsonAsync($"/api/charts/{chart}/sign", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await injector.PostAsync($"/api/charts/{chart}/share", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await IdsAsync(await patient.GetAsync($"/api/patients/{PatientId}/photos?angle=front"))).Count.ShouldBe(2);
        (await patient.GetAsync(beforePhoto["url"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterSigning = await AddAsync(injector, before, "right-45"); // a photo is its own record: the signed chart stays as signed
        afterSigning["chartId"]!.GetValue<string>().ShouldBe(before);

        var desk = api.As(DeskSignIn);
        (await desk.GetAsync($"/api/patients/{PatientId}/photos")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await desk.GetAsync(beforePhoto["url"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await desk.PostAsync($"/api/charts/{before}/photos?angle=front", Upload(TestPhotos.JpegWithGps()))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var audit = await api.Services.GetRequiredService<Core.Audit.AuditStore>().ListAsync(new Caller("a", "a", "a", "demo", Role.Admin), 500, null);
        audit.Value!.Items.Select(e => e.Body).ShouldContain(e => e.Resource.Contains(beforePhoto["id"]!.GetValue<string>(), StringComparison.Ordinal) && e.Actor.Email == PatientSignIn);

        // The patient's data export carries the photos themselves, as kept (no EXIF).
        var export = await (await patient.GetAsync($"/api/patients/{PatientId}/export")).JsonAsync();
        var exported = export["photos"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == beforePhoto["id"]!.GetValue<string>())!;
        var dataUrl = exported["image"]!.GetValue<string>();
        dataUrl.ShouldStartWith("data:image/jpeg;base64,");
        Convert.FromBase64String(dataUrl["data:image/jpeg;base64,".Length..]).ShouldBe(kept);
    }

    [Fact]
    public async Task What_is_not_a_photo_of_a_sane_size_is_refused_and_nothing_is_filed()
    {
        var patient = await api.NewPatientAsync("Bad", "Upload");
        var (chart, injector, email) = await ChartAsync(patient, dayOffset: 2);
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var colleague = api.As(setup.Staff.First(s => s.Role == StaffRole.Practitioner && !s.Deleted && s.Email != email).Email);
        var before = api.Snapshot();

        var pdf = await injector.PostAsync($"/api/charts/{chart}/photos?angle=front", Upload("%PDF-1.7\n1 0 obj << >> endobj"u8.ToArray()));
        var huge = await injector.PostAsync($"/api/charts/{chart}/photos?angle=front", Upload(new byte[30 * 1024 * 1024]));
        var bomb = await injector.PostAsync($"/api/charts/{chart}/photos?angle=front", Upload(TestPhotos.PngClaiming(30_000, 30_000), "image/png"));
        var heic = await injector.PostAsync($"/api/charts/{chart}/photos?angle=front", Upload([0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8], "image/heic"));
        var noAngle = await injector.PostAsync($"/api/charts/{chart}/photos", Upload(TestPhotos.JpegWithGps()));
        var badAngle = await injector.PostAsync($"/api/charts/{chart}/photos?angle=upside-down", Upload(TestPhotos.JpegWithGps()));
        var numberedAngle = await injector.PostAsync($"/api/charts/{chart}/photos?angle=0", Upload(TestPhotos.JpegWithGps()));
        var empty = await injector.PostAsync($"/api/charts/{chart}/photos?angle=front", Upload([]));
        var unknownChart = await injector.PostAsync("/api/charts/chart-nope/photos?angle=front", Upload(TestPhotos.JpegWithGps()));
        var badSize = await injector.GetAsync("/api/photos/photo-nope/image?size=huge");
        var badFilter = await injector.GetAsync($"/api/patients/{patient}/photos?angle=sideways");
        var notTheirs = await colleague.PostAsync($"/api/charts/{chart}/photos?angle=front", Upload(TestPhotos.JpegWithGps()));

        (await pdf.JsonAsync())["errors"]!["photo"]![0]!.GetValue<string>().ShouldContain("not one, whatever its name says");
        huge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        huge.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await bomb.JsonAsync())["errors"]!["photo"]![0]!.GetValue<string>().ShouldContain("30000 × 30000");
        (await heic.JsonAsync())["errors"]!["photo"]![0]!.GetValue<string>().ShouldContain("HEIC");
        (await noAngle.JsonAsync())["errors"]!["angle"].ShouldNotBeNull();
        (await badAngle.JsonAsync())["errors"]!["angle"].ShouldNotBeNull();
        (await numberedAngle.JsonAsync())["errors"]!["angle"].ShouldNotBeNull(); // an enum's number is not its name
        (await empty.JsonAsync())["errors"]!["photo"].ShouldNotBeNull();
        unknownChart.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        badSize.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badFilter.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        notTheirs.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden); // another practitioner's visit
        api.Snapshot().ShouldBe(before);
        (await IdsAsync(await injector.GetAsync($"/api/charts/{chart}/photos"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_photos_whose_patient_allows_marketing_today_are_in_the_marketing_export()
    {
        var allows = await api.NewPatientAsync("Mara", "Marketing");
        var declines = await api.NewPatientAsync("Dee", "Declines");
        var silent = await api.NewPatientAsync("Sil", "Silent");
        await SignPhotoReleaseAsync(allows, marketing: true, api.Clock.GetUtcNow().AddDays(-2));
        await SignPhotoReleaseAsync(declines, marketing: false, api.Clock.GetUtcNow().AddDays(-2));
        var ids = new Dictionary<string, string>();
        var day = 4;
        foreach (var patient in new[] { allows, declines, silent })
        {
            var (chart, injector, _) = await ChartAsync(patient, day++);
            ids[patient] = (await AddAsync(injector, chart))["id"]!.GetValue<string>();
        }

        var exported = await api.AsAdmin().GetAsync("/api/photos/marketing?pageSize=500");
        exported.StatusCode.ShouldBe(HttpStatusCode.OK, await exported.Content.ReadAsStringAsync());
        var export = await IdsAsync(exported);
        var byInjector = await api.As(InjectorSignIn).GetAsync("/api/photos/marketing");
        var seen = await (await api.AsAdmin().GetAsync($"/api/patients/{declines}/photos")).JsonAsync();
        await SignPhotoReleaseAsync(allows, marketing: false, api.Clock.GetUtcNow().AddMinutes(-1)); // she changes her mind
        var afterWithdrawal = await IdsAsync(await api.AsAdmin().GetAsync("/api/photos/marketing?pageSize=500"));

        var erasedPatient = await api.NewPatientAsync("Era", "Sed");
        await SignPhotoReleaseAsync(erasedPatient, marketing: true, api.Clock.GetUtcNow().AddDays(-2));
        var (erasedChart, erasedInjector, _) = await ChartAsync(erasedPatient, day++);
        var erasedPhoto = (await AddAsync(erasedInjector, erasedChart))["id"]!.GetValue<string>();
        var record = await api.AsAdmin().GetAsync($"/api/patients/{erasedPatient}");
        var erase = new HttpRequestMessage(HttpMethod.Post, $"/api/patients/{erasedPatient}/erasure");
        erase.Headers.TryAddWithoutValidation("If-Match", record.Headers.ETag!.Tag);
        (await api.AsAdmin().SendAsync(erase)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IdsAsync(await api.AsAdmin().GetAsync("/api/photos/marketing?pageSize=500"))).ShouldNotContain(erasedPhoto); // erased: never marketing

        export.ShouldContain(ids[allows]);
        export.ShouldNotContain(ids[declines]);
        export.ShouldNotContain(ids[silent]);
        byInjector.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        seen["items"]![0]!["consent"]!.GetValue<string>().ShouldBe("record-only");
        afterWithdrawal.ShouldNotContain(ids[allows]);
    }

    [Fact]
    public async Task A_photo_taken_by_mistake_is_removed_with_a_reason_its_images_go_and_its_record_says_who_and_why()
    {
        var patient = await api.NewPatientAsync("Wrong", "Patient");
        var (chart, injector, email) = await ChartAsync(patient, dayOffset: 8);
        var photo = await AddAsync(injector, chart);
        var id = photo["id"]!.GetValue<string>();
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var colleague = api.As(setup.Staff.First(s => s.Role == StaffRole.Practitioner && !s.Deleted && s.Email != email).Email);
        var before = api.Snapshot();

        var noReason = await injector.PostAsJsonAsync($"/api/photos/{id}/remove", new { reason = " " });
        var byDesk = await api.As(DeskSignIn).PostAsJsonAsync($"/api/photos/{id}/remove", new { reason = "Wrong patient" });
        var byColleague = await colleague.PostAsJsonAsync($"/api/photos/{id}/remove", new { reason = "Wrong patient" });
        api.Snapshot().ShouldBe(before); // refusals change nothing
        (await injector.GetAsync(photo["url"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.OK);

        var removed = await injector.PostAsJsonAsync($"/api/photos/{id}/remove", new { reason = "Taken of the wrong patient" });
        var again = await injector.PostAsJsonAsync($"/api/photos/{id}/remove", new { reason = "retry" });

        (await noReason.JsonAsync())["errors"]!["reason"].ShouldNotBeNull();
        byDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byColleague.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await byColleague.Content.ReadAsStringAsync()).ShouldNotContain(chart); // the photo's chart is not told
        removed.StatusCode.ShouldBe(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        (await removed.JsonAsync())["removed"]!["reason"]!.GetValue<string>().ShouldBe("Taken of the wrong patient");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.JsonAsync())["removed"]!["reason"]!.GetValue<string>().ShouldBe("Taken of the wrong patient"); // the first answer stands
        (await injector.GetAsync(photo["url"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await IdsAsync(await injector.GetAsync($"/api/patients/{patient}/photos"))).ShouldNotContain(id);
        var files = api.Services.GetRequiredService<Core.Files.IFileStore>();
        (await files.GetAsync("demo", $"photos/{patient}/{id}.jpg")).ShouldBeNull();
        (await files.GetAsync("demo", $"photos/{patient}/{id}-thumbnail.jpg")).ShouldBeNull();
        var record = (await api.Services.GetRequiredService<Core.Photos.PhotoStore>().GetAsync("demo", id))!.Body;
        record.Removed!.ById.ShouldBe((await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Staff.Single(s => s.Email == email).Id);
    }
}
