using System.Net.Http.Headers;
using System.Text;
using MedSpa.Functions.Http;
using MedSpa.Functions.Tests.Forms;

namespace MedSpa.Functions.Tests.Patients;

/// <summary>
/// The clinic's choice to open clinical fields to its desk (GET/PUT /api/clinic/privacy): off by default; when on, the
/// desk reads allergies and medical answers but still cannot change them; only an admin changes the choice, with the
/// version it read, and a refused change leaves it as it was.
/// </summary>
public sealed class RecordPrivacyTests(ApiHost api) : IClassFixture<ApiHost>
{
    private async Task<(bool DeskSees, string ETag)> ReadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/clinic/privacy");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return ((await response.JsonAsync())["deskSeesClinicalFields"]!.GetValue<bool>(), response.Headers.ETag?.Tag ?? "");
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string json, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/clinic/privacy") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (!string.IsNullOrEmpty(etag))
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        }

        return client.SendAsync(request);
    }

    private async Task SetAsync(bool deskSees)
    {
        var (_, etag) = await ReadAsync(api.AsAdmin());
        var saved = await PutAsync(api.AsAdmin(), $"{{\"deskSeesClinicalFields\":{(deskSees ? "true" : "false")}}}", etag);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_desk_reads_clinical_fields_only_while_the_clinic_allows_it_and_never_changes_them()
    {
        var patient = await api.NewPatientAsync("Clara", "Clinical");
        var admin = api.AsAdmin();
        var record = await admin.GetAsync($"/api/patients/{patient}");
        var body = await record.JsonAsync();
        body["allergies"] = new JsonArray("Lidocaine");
        (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/patients/{patient}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            Headers = { IfMatch = { record.Headers.ETag! } },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var historyId = setup.Services.Single(s => s.Name == "Xeomin").RequiredFormIds[0];
        var version = (await (await admin.GetAsync($"/api/forms/{historyId}/versions/latest")).JsonAsync())["version"]!.GetValue<int>();
        var medical = await (await api.As(DeskSignIn).PostAsJsonAsync($"/api/forms/{historyId}/submit", new
        {
            patientId = patient, version, signerName = "Clara Clinical",
            answers = new { sexAtBirth = "Male", previousFillers = "no", previousToxin = "no", signature = SampleForms.Drawn },
        })).JsonAsync();
        var desk = api.As(DeskSignIn);

        var byDefault = await (await desk.GetAsync($"/api/patients/{patient}")).JsonAsync();
        var answersByDefault = await desk.GetAsync($"/api/patients/{patient}/forms/{medical["id"]}");
        await SetAsync(deskSees: true);
        var opened = await desk.GetAsync($"/api/patients/{patient}");
        var openedBody = await opened.JsonAsync();
        var answersOpened = await desk.GetAsync($"/api/patients/{patient}/forms/{medical["id"]}");
        openedBody["allergies"] = new JsonArray("Lidocaine", "Latex");
        var changed = await desk.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/patients/{patient}")
        {
            Content = new StringContent(openedBody.ToJsonString(), Encoding.UTF8, "application/json"),
            Headers = { IfMatch = { opened.Headers.ETag! } },
        });
        await SetAsync(deskSees: false);
        var closedAgain = await (await desk.GetAsync($"/api/patients/{patient}")).JsonAsync();
        var readBack = await admin.GetAsync($"/api/patients/{patient}");

        byDefault.ContainsKey("allergies").ShouldBeFalse();
        answersByDefault.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await opened.Content.ReadAsStringAsync()).ShouldContain("Lidocaine");
        answersOpened.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await changed.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("allergies");
        closedAgain.ContainsKey("allergies").ShouldBeFalse();
        (await readBack.JsonAsync())["allergies"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["Lidocaine"]);
        readBack.Headers.ETag!.Tag.ShouldBe(opened.Headers.ETag!.Tag); // the refused edit wrote nothing
    }

    [Fact]
    public async Task Only_an_admin_changes_the_choice_and_a_refused_change_leaves_it_as_it_was()
    {
        await SetAsync(deskSees: false);
        var (_, etag) = await ReadAsync(api.AsAdmin());
        const string open = "{\"deskSeesClinicalFields\":true}";

        var byDesk = await PutAsync(api.As(DeskSignIn), open, etag);
        var byInjector = await PutAsync(api.As(InjectorSignIn), open, etag);
        var byPatient = await PutAsync(api.As(PatientSignIn), open, etag);
        var patientReads = await api.As(PatientSignIn).GetAsync("/api/clinic/privacy");
        var (deskReads, _) = await ReadAsync(api.As(DeskSignIn));
        var withoutVersion = await PutAsync(api.AsAdmin(), open, null);
        var withOldVersion = await PutAsync(api.AsAdmin(), open, "\"not-the-version\"");
        var missingField = await PutAsync(api.AsAdmin(), "{}", etag);
        var wrongType = await PutAsync(api.AsAdmin(), "{\"deskSeesClinicalFields\":\"yes\"}", etag);
        var sentTwice = await PutAsync(api.AsAdmin(), "{\"deskSeesClinicalFields\":false,\"deskSeesClinicalFields\":true}", etag);
        var huge = await PutAsync(api.AsAdmin(), "{\"deskSeesClinicalFields\":true,\"pad\":\"" + new string('x', 2_000_000) + "\"}", etag);
        var notJson = await PutAsync(api.AsAdmin(), "deskSeesClinicalFields=true", etag);

        byDesk.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byInjector.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byPatient.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        patientReads.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        deskReads.ShouldBeFalse();
        withoutVersion.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        withOldVersion.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        foreach (var refused in new[] { missingField, wrongType, sentTwice, notJson })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        ((int)huge.StatusCode).ShouldBeOneOf(400, 413);
        var (after, etagAfter) = await ReadAsync(api.AsAdmin());
        after.ShouldBeFalse();
        etagAfter.ShouldBe(etag);
    }
}
