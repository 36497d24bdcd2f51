namespace MedSpa.Functions.Tests.Patients;

/// <summary>
/// POST /api/patients/{id}/online-access: the desk lets a patient it registered sign in to the portal with the email on
/// their record. Once given, the sign-in is the patient's own; it is never taken from someone who already signs in.
/// </summary>
public sealed class OnlineAccessTests(ApiHost api) : IClassFixture<ApiHost>
{
    private async Task<(string Id, string Email)> RegisteredByTheDeskAsync(string? email = null)
    {
        email ??= $"nora.{Guid.NewGuid():N}@example.com";
        var created = await api.As(DeskSignIn).PostAsJsonAsync("/api/patients", new { firstName = "Nora", lastName = "Newman", email });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return ((await created.JsonAsync())["id"]!.GetValue<string>(), email);
    }

    [Fact]
    public async Task A_patient_the_desk_registered_signs_in_to_their_own_record_once_given_access_and_is_told_how()
    {
        var (id, email) = await RegisteredByTheDeskAsync();

        var before = await api.As(email).GetAsync("/api/me");
        var given = await api.As(DeskSignIn).PostAsync($"/api/patients/{id}/online-access", null);
        var again = await api.As(DeskSignIn).PostAsync($"/api/patients/{id}/online-access", null);
        var me = await (await api.As(email).GetAsync("/api/me")).JsonAsync();
        var own = await api.As(email).GetAsync($"/api/patients/{id}");
        var messages = await (await api.As(DeskSignIn).GetAsync($"/api/patients/{id}/communications")).JsonAsync();

        before.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        given.StatusCode.ShouldBe(HttpStatusCode.OK, await given.Content.ReadAsStringAsync());
        (await given.JsonAsync())["alreadyHad"]!.GetValue<bool>().ShouldBeFalse();
        (await again.JsonAsync())["alreadyHad"]!.GetValue<bool>().ShouldBeTrue();
        me["role"]!.GetValue<string>().ShouldBe("patient");
        me["patientId"]!.GetValue<string>().ShouldBe(id);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        messages["items"]!.AsArray().Count(m => m!["subject"]!.GetValue<string>().StartsWith("Your online account")).ShouldBe(1);
    }

    [Fact]
    public async Task An_email_that_already_signs_in_as_someone_else_is_never_taken_over()
    {
        // The injector is also a patient of the clinic, registered with her work email.
        var (asPatient, _) = await RegisteredByTheDeskAsync(InjectorSignIn);

        var taken = await api.As(DeskSignIn).PostAsync($"/api/patients/{asPatient}/online-access", null);

        taken.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await taken.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("already signs in");
        var injector = await (await api.As(InjectorSignIn).GetAsync("/api/me")).JsonAsync();
        injector["role"]!.GetValue<string>().ShouldBe("practitioner");
        (await (await api.As(DeskSignIn).GetAsync($"/api/patients/{asPatient}/communications")).Content.ReadAsStringAsync()).ShouldNotContain("Your online account");
    }

    [Fact]
    public async Task Only_the_desk_and_admins_give_access_to_a_record_with_an_email_of_this_clinic()
    {
        var (id, email) = await RegisteredByTheDeskAsync();
        var noEmail = (await (await api.As(DeskSignIn).PostAsJsonAsync("/api/patients", new { firstName = "Phil", lastName = "Phoneonly", phone = "+14155550242" })).JsonAsync())["id"]!.GetValue<string>();

        var byInjector = await api.As(InjectorSignIn).PostAsync($"/api/patients/{id}/online-access", null);
        var byPatient = await api.As(PatientSignIn).PostAsync($"/api/patients/{id}/online-access", null);
        var unknown = await api.As(DeskSignIn).PostAsync("/api/patients/patient-nobody/online-access", null);
        var withoutEmail = await api.As(DeskSignIn).PostAsync($"/api/patients/{noEmail}/online-access", null);

        byInjector.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byPatient.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        withoutEmail.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await withoutEmail.JsonAsync())["errors"]!["email"].ShouldNotBeNull();
        (await api.As(email).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // nothing was given
    }
}
