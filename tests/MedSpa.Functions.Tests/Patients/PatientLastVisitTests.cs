namespace MedSpa.Functions.Tests.Patients;

/// <summary>The record's last visit (kept as visits complete, filtered on by the list) and the patient's privacy preferences.</summary>
public sealed class PatientLastVisitTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Completing_a_visit_sets_the_last_visit_and_the_list_filters_on_it()
    {
        var patient = await api.NewPatientAsync("Lena", "Visit");
        var appointment = await api.BookFirstFreeAsync("demo", patient, "Signature facial", dayOffset: 2);
        var desk = api.As(DeskSignIn);
        using (api.Clock.At(appointment.StartTime.AddMinutes(5)))
        {
            (await desk.PostAsJsonAsync($"/api/appointments/{appointment.Id}/status", new { status = "arrived" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await desk.PostAsJsonAsync($"/api/appointments/{appointment.Id}/status", new { status = "completed" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var record = await (await desk.GetAsync($"/api/patients/{patient}")).JsonAsync();
        var day = DateOnly.Parse(appointment.LocalDate, System.Globalization.CultureInfo.InvariantCulture);
        var surname = record["lastName"]!.GetValue<string>();
        async Task<string[]> ListAsync(string filter) =>
            [.. (await (await desk.GetAsync($"/api/patients?q={surname}&{filter}")).JsonAsync())["items"]!.AsArray().Select(p => p!["lastVisitOn"]?.GetValue<string>() ?? "")];

        record["lastVisitOn"]!.GetValue<string>().ShouldBe(appointment.LocalDate);
        (await ListAsync($"lastVisitFrom={day:yyyy-MM-dd}")).ShouldBe([appointment.LocalDate]);
        (await ListAsync($"lastVisitTo={day.AddDays(-1):yyyy-MM-dd}")).ShouldBeEmpty();
        (await ListAsync($"lastVisitTo={day:yyyy-MM-dd}")).ShouldBe([appointment.LocalDate]);
        (await desk.GetAsync("/api/patients?lastVisitFrom=2026-13-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_patient_sets_their_privacy_preferences_and_the_desk_reads_them()
    {
        var patient = api.As(PatientSignIn);
        var current = await patient.GetAsync($"/api/patients/{PatientId}");
        var body = await current.JsonAsync();
        body["privacyPreferences"]!["voicemailOk"]!.GetValue<bool>().ShouldBeTrue();
        body["privacyPreferences"] = new JsonObject { ["voicemailOk"] = false, ["discussWithFamily"] = true, ["firstNameOnlyInPublic"] = true };
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/patients/{PatientId}") { Content = JsonContent.Create(body) };
        put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);

        (await patient.SendAsync(put)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var seen = (await (await api.As(DeskSignIn).GetAsync($"/api/patients/{PatientId}")).JsonAsync())["privacyPreferences"]!;
        seen["voicemailOk"]!.GetValue<bool>().ShouldBeFalse();
        seen["discussWithFamily"]!.GetValue<bool>().ShouldBeTrue();
        seen["firstNameOnlyInPublic"]!.GetValue<bool>().ShouldBeTrue();
    }
}

/// <summary>A profile photo: the patient's or the desk's to set, anyone's who may open the record to see; only real images.</summary>
public sealed class PatientPhotoTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly byte[] Png = Convert.FromBase64String(Forms.SampleForms.Drawn["data:image/png;base64,".Length..]);

    private static ByteArrayContent Image(byte[] bytes, string type = "image/png") => new(bytes) { Headers = { ContentType = new(type) } };

    [Fact]
    public async Task A_patient_puts_up_their_photo_the_desk_sees_it_and_only_images_are_taken()
    {
        var patient = api.As(PatientSignIn);

        var disguised = await patient.PutAsync($"/api/patients/{PatientId}/photo", Image("<svg onload=alert(1)>"u8.ToArray()));
        var tooLarge = await patient.PutAsync($"/api/patients/{PatientId}/photo", Image([.. Png, .. new byte[2 * 1024 * 1024]]));
        var none = await api.As(DeskSignIn).GetAsync($"/api/patients/{PatientId}/photo");
        var saved = await patient.PutAsync($"/api/patients/{PatientId}/photo", Image(Png, "application/octet-stream"));
        var seen = await api.As(DeskSignIn).GetAsync($"/api/patients/{PatientId}/photo");

        disguised.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await disguised.JsonAsync())["errors"]!["photo"].ShouldNotBeNull();
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await tooLarge.Content.ReadAsStringAsync()).ShouldContain("at most 2 MB");
        none.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await saved.JsonAsync())["photoId"]!.GetValue<string>().ShouldStartWith("photo-");
        seen.StatusCode.ShouldBe(HttpStatusCode.OK);
        seen.Content.Headers.ContentType!.MediaType.ShouldBe("image/png"); // told by its bytes, not by what was claimed
        (await seen.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
    }

    [Fact]
    public async Task Another_patients_photo_is_not_found_and_a_removed_photo_is_gone()
    {
        var stranger = (await (await api.As(DeskSignIn).PostAsJsonAsync("/api/patients", new { firstName = "Photo", lastName = $"Stranger{Guid.NewGuid():N}"[..20], email = $"ph-{Guid.NewGuid():N}@example.com" })).JsonAsync())["id"]!.GetValue<string>();
        (await api.As(DeskSignIn).PutAsync($"/api/patients/{stranger}/photo", Image(Png))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await api.As(PatientSignIn).GetAsync($"/api/patients/{stranger}/photo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.As(PatientSignIn).PutAsync($"/api/patients/{stranger}/photo", Image(Png))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var removed = await api.As(DeskSignIn).DeleteAsync($"/api/patients/{stranger}/photo");

        removed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await removed.JsonAsync())["photoId"].ShouldBeNull();
        (await api.As(DeskSignIn).GetAsync($"/api/patients/{stranger}/photo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
