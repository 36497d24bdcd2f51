namespace MedSpa.Core.Tests.Patients;

/// <summary>
/// The patient record's rules: phone numbers in E.164, a returning patient recognised instead of made twice, each
/// caller changing only their part of the record, and the desk's list found by what they type.
/// </summary>
public sealed class PatientRecordTests
{
    private const string Tenant = "clinic-a";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    private static readonly Caller Admin = new("u-admin", "admin@a.test", "Ada", Tenant, Role.Admin);
    private static readonly Caller Desk = new("u-desk", "desk@a.test", "Dee", Tenant, Role.FrontDesk);
    private static readonly Caller Injector = new("u-inj", "inj@a.test", "Ines", Tenant, Role.Practitioner, StaffId: "staff-ines");

    private readonly InMemoryDocumentStore _store = new();
    private readonly FixedClock _clock = new(Now);

    private PatientStore Patients => new(_store, _clock, new ClinicSetupStore(_store));

    private UpdatePatientProfile Update => new(Patients, new PatientAccess(new AppointmentStore(_store), Patients, new RecordPrivacyStore(_store, new RecordPrivacyValidator())), _clock);

    private FindPatients Find => new(_store, Patients);

    private async Task<Document<Patient>> CreateAsync(string first, string last, string? email = null, string? phone = null, string? born = null)
    {
        var made = await Patients.FindOrCreateAsync(Tenant, new NewPatient(first, last, email, phone, born));
        made.IsSuccess.ShouldBeTrue(made.Error?.Detail);
        return (await Patients.DocumentAsync(Tenant, made.Value.Patient.Id)).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("(415) 555-0132", "US", "+14155550132")]
    [InlineData("415.555.0132", "US", "+14155550132")]
    [InlineData("+44 20 7946 0958", "US", "+442079460958")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    public void Phone_numbers_are_stored_in_E164(string typed, string region, string stored) =>
        PatientPhone.ToE164(typed, region).ShouldBe(stored);

    [Theory]
    [InlineData("555")]
    [InlineData("not a number")]
    [InlineData("+1 000 000 0000")]
    public void Numbers_nobody_can_call_are_refused(string typed) => PatientPhone.ToE164(typed, "US").ShouldBeNull();

    [Fact]
    public async Task A_returning_patient_is_recognised_by_email_phone_or_name_and_birth_date()
    {
        var ava = await CreateAsync("Ava", "Stone", "ava@example.com", "(415) 555-0132", "1988-04-23");

        (await Patients.FindOrCreateAsync(Tenant, new NewPatient("A", "S", "AVA@example.com", null))).Value.Created.ShouldBeFalse();
        (await Patients.FindOrCreateAsync(Tenant, new NewPatient("Ava", "S", null, "+1 415 555 0132"))).Value.Patient.Id.ShouldBe(ava.Id);
        (await Patients.FindOrCreateAsync(Tenant, new NewPatient("ava", "STONE", null, "+1 415 555 0199", "1988-04-23"))).Value.Patient.Id.ShouldBe(ava.Id);
        var namesake = await Patients.FindOrCreateAsync(Tenant, new NewPatient("Ava", "Stone", null, "+1 415 555 0177", "1990-01-01"));
        namesake.Value.Created.ShouldBeTrue();
        namesake.Value.Patient.Phone.ShouldBe("+14155550177");
    }

    [Fact]
    public async Task The_desk_edits_contact_details_and_never_touches_clinical_fields_it_is_not_shown()
    {
        var patient = await CreateAsync("Ben", "Marsh", "ben@example.com");
        var withAllergy = await Update.UpdateAsync(Admin, patient.Id, PatientProfile.Of(patient.Body) with { Allergies = ["Lidocaine"] }, patient.ETag);

        // The desk's form has no allergies field: what it sends leaves them as they are.
        var edited = await Update.UpdateAsync(Desk, patient.Id, PatientProfile.Of(patient.Body) with { Phone = "415 555 0101", Allergies = null }, withAllergy.Value.ShouldNotBeNull().ETag);

        edited.IsSuccess.ShouldBeTrue(edited.Error?.Detail);
        edited.Value.ShouldNotBeNull().Body.Phone.ShouldBe("+14155550101");
        edited.Value.Body.Allergies.ShouldBe(["Lidocaine"]);
    }

    [Fact]
    public async Task A_practitioner_may_not_refile_a_patient_and_nothing_is_written()
    {
        var patient = await CreateAsync("Cal", "Reed", "cal@example.com");
        var refused = await Update.UpdateAsync(Injector, patient.Id, PatientProfile.Of(patient.Body) with { Tags = ["vip"] }, patient.ETag);

        // The practitioner does not treat Cal: the record is not found, as if it did not exist.
        refused.Error.ShouldBeOfType<Error.NotFound>();
        (await Patients.DocumentAsync(Tenant, patient.Id)).ShouldNotBeNull().ETag.ShouldBe(patient.ETag);
    }

    [Fact]
    public async Task Stale_copies_future_birth_dates_and_bad_lists_are_refused_and_nothing_is_written()
    {
        var patient = await CreateAsync("Dana", "Fox", "dana@example.com");
        var saved = await Update.UpdateAsync(Admin, patient.Id, PatientProfile.Of(patient.Body) with { Pronouns = "she/her" }, patient.ETag);
        saved.IsSuccess.ShouldBeTrue();

        (await Update.UpdateAsync(Admin, patient.Id, PatientProfile.Of(patient.Body) with { Pronouns = "they/them" }, patient.ETag)).Error.ShouldBeOfType<Error.Stale>();
        (await Update.UpdateAsync(Admin, patient.Id, PatientProfile.Of(patient.Body), null)).Error.ShouldBeOfType<Error.VersionRequired>();
        var future = await Update.UpdateAsync(Admin, patient.Id, PatientProfile.Of(patient.Body) with { DateOfBirth = "2027-01-01" }, saved.Value.ShouldNotBeNull().ETag);
        future.Error.ShouldBeOfType<Error.Invalid>().FieldErrors.Keys.ShouldBe(["dateOfBirth"]);
        var bad = await Update.UpdateAsync(Admin, patient.Id, PatientProfile.Of(patient.Body) with { Allergies = ["ok", "bad\u202Ename", ""], Phone = "12" }, saved.Value.ETag);
        bad.Error.ShouldBeOfType<Error.Invalid>();
        (await Patients.DocumentAsync(Tenant, patient.Id)).ShouldNotBeNull().ETag.ShouldBe(saved.Value.ETag);
    }

    [Fact]
    public async Task The_desk_finds_patients_by_name_email_phone_and_birth_date()
    {
        var ava = await CreateAsync("Ava", "Stone", "ava@example.com", "(415) 555-0132", "1988-04-23");
        var avery = await CreateAsync("Avery", "Quinn", "avery@example.com");
        await CreateAsync("Bo", "Avalon", "bo@example.com");

        async Task<string[]> Ids(string text) => [.. (await Find.FindAsync(Desk, new PatientListQuery(text))).Value.ShouldNotBeNull().Items.Select(d => d.Body.LastName)];

        (await Ids("sto")).ShouldBe(["Stone"]);
        (await Ids("av")).ShouldBe(["Avalon", "Quinn", "Stone"]);
        (await Ids("Ava Stone")).ShouldBe(["Stone"]);
        (await Ids("av sto")).ShouldBe(["Stone"]);
        (await Ids("bo sto")).ShouldBeEmpty();
        (await Ids("AVA@example.com")).ShouldBe(["Stone"]);
        (await Ids("415-555-0132")).ShouldBe(["Stone"]);
        (await Ids("1988-04-23")).ShouldBe(["Stone"]);
        (await Ids("nobody")).ShouldBeEmpty();
        avery.Body.Id.ShouldNotBe(ava.Body.Id);
    }

    [Fact]
    public async Task The_whole_list_pages_in_surname_order_without_archived_patients()
    {
        for (var i = 0; i < 30; i++)
        {
            await CreateAsync($"P{i:D2}", $"Surname{i:D2}", $"p{i}@example.com");
        }

        var archived = await CreateAsync("Zed", "Gone", "zed@example.com");
        (await new ArchivePatient(Patients, _clock).SetArchivedAsync(Admin, archived.Id, archived: true, archived.ETag)).IsSuccess.ShouldBeTrue();

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = (await Find.FindAsync(Desk, new PatientListQuery(PageSize: 7, ContinuationToken: token))).Value.ShouldNotBeNull();
            seen.AddRange(page.Items.Select(d => d.Body.LastName));
            token = page.ContinuationToken;
        }
        while (token is not null);

        seen.ShouldBe([.. Enumerable.Range(0, 30).Select(i => $"Surname{i:D2}")]);
        (await Find.FindAsync(Desk, new PatientListQuery(IncludeArchived: true, PageSize: 100))).Value.ShouldNotBeNull().Items.Count.ShouldBe(31);
        (await Find.FindAsync(Desk, new PatientListQuery(PageSize: 0))).Error.ShouldBeOfType<Error.Invalid>();
        (await Find.FindAsync(Desk, new PatientListQuery(ContinuationToken: "garbage"))).Error.ShouldBeOfType<Error.Invalid>();
    }
}
