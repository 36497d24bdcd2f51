namespace MedSpa.Functions.Tests.Patients;

/// <summary>The record's last visit (kept as visits complete, filtered on by the list) and the patient's privacy preferences.</summary>
public sealed class PatientLastVisitTests(ApiHost api) : IClassFixture<ApiHost>
{
    private async Task<string> NewPatientAsync(string first)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var created = await api.As(DeskSignIn).PostAsJsonAsync("/api/patients", new { firstName = first, lastName = $"Visit{unique}", email = $"{first.ToLowerInvariant()}-{unique}@example.com" });
        return (await created.JsonAsync())["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Completing_a_visit_sets_the_last_visit_and_the_list_filters_on_it()
    {
        var patient = await NewPatientAsync("Lena");
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
