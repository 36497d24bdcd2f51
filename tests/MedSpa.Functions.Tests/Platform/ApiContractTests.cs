using MedSpa.Core.Audit;

namespace MedSpa.Functions.Tests.Platform;

/// <summary>
/// The wire shape of what the API answers, pinned: the JSON property paths of each resource as the demo clinic's items
/// carry them. Each setup resource has its own contract record (Setup/Contracts), and waitlist entries, offers and audit
/// entries their response records, but the small value records inside (address, hours, money, an audit actor...) are
/// shared with the domain, so renaming one of their properties would change the API without a compile error; this test
/// makes such a change loud. Storage-only fields never go out.
/// </summary>
public sealed class ApiContractTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly string[] StorageOnly = ["pk", "tenantId", "searchText", "sortName", "kind"];
    private static readonly char[] PathSeparators = ['.', '['];

    public static TheoryData<string, string> Resources => new()
    {
        {
            "locations",
            "address, address.city, address.country, address.line1, address.postalCode, address.region, closures, closures[].date, closures[].reason, "
            + "createdAt, deleted, displayName, etag, id, name, openingHours, openingHours[].close, openingHours[].day, openingHours[].open, phone, timeZone, updatedAt"
        },
        {
            "staff",
            "createdAt, deleted, displayName, email, etag, firstName, id, lastName, practitioner, practitioner.bio, practitioner.certifications, "
            + "practitioner.certifications[].expiresOn, practitioner.certifications[].name, practitioner.tags, role, timeOff, updatedAt, workingExceptions, "
            + "workingHours, workingHours[].day, workingHours[].end, workingHours[].locationId, workingHours[].start"
        },
        {
            "services",
            "bufferAfterMinutes, bufferBeforeMinutes, category, createdAt, deleted, deposit, deposit.amount, deposit.amount.amount, deposit.amount.currency, "
            + "deposit.kind, deposit.percent, description, displayName, durationMinutes, equipmentTypes, etag, id, name, onlineBookable, practitionerIds, price, "
            + "price.amount, price.currency, requiredCertifications, requiredConsentIds, requiredFormIds, requiresConsultation, roomType, updatedAt"
        },
        { "rooms", "capacity, createdAt, deleted, displayName, etag, id, locationId, name, type, updatedAt" },
        { "equipment", "createdAt, deleted, displayName, etag, id, locationId, maintenanceWindows, name, type, updatedAt" },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_resource_answers_with_its_pinned_property_paths_and_no_storage_fields(string resource, string expected)
    {
        var page = await (await api.AsAdmin().GetAsync($"/api/{resource}?pageSize=500")).JsonAsync();
        var paths = PathsOf([.. page["items"]!.AsArray()]);

        string.Join(", ", paths).ShouldBe(expected);
        paths.Select(p => p.Split(PathSeparators)[0]).Intersect(StorageOnly).ShouldBeEmpty();
    }

    /// <summary>
    /// An entry and its offer through a whole round: joined, offered a freed time, accepted and booked (each field that is
    /// sent only when set is set at some point). Names are sent as null when there is none; an offer's reason only when
    /// it failed.
    /// </summary>
    [Fact]
    public async Task A_waitlist_entry_and_offer_answer_with_their_pinned_property_paths_and_no_storage_fields()
    {
        var freed = await api.BookFirstFreeAsync("demo", "patient-demo-0001", "Dermaplaning", dayOffset: 3);
        const string email = "contract@waitlist.test";
        var patient = await api.Services.GetRequiredService<PatientStore>().FindOrCreateAsync("demo", new NewPatient("Wait", "contract", email, null));
        await api.Services.GetRequiredService<UserStore>().LinkAsync(new DirectoryEntry(email, "demo", Role.Patient, "contract", PatientId: patient.Value.Patient.Id));
        var client = api.As(email);
        var joined = await client.PostAsJsonAsync("/api/booking/waitlist",
            new { serviceId = freed.ServiceId, locationId = freed.LocationId, practitionerId = freed.PractitionerId, fromDate = freed.LocalDate, toDate = freed.LocalDate });
        joined.StatusCode.ShouldBe(HttpStatusCode.Created, await joined.Content.ReadAsStringAsync());
        var entries = new List<JsonNode?> { await joined.JsonAsync() };

        (await api.As($"frontdesk@{ApiHost.Demo}").DeleteAsync($"/api/booking/appointments/{freed.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var offered = await EntryOnceAsync(client, "offered");
        entries.Add(offered);
        var offerPath = $"/api/booking/waitlist/offers/{offered["currentOfferId"]}";
        var offers = new List<JsonNode?> { await OfferOnceAsync(client, offerPath) };
        var accepted = await client.PostAsync($"{offerPath}/accept", null);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        entries.Add(await EntryOnceAsync(client, "booked"));
        offers.Add(await (await client.GetAsync(offerPath)).JsonAsync());

        var entryPaths = PathsOf(entries);
        var offerPaths = PathsOf(offers);

        offers[^1]!["status"]!.GetValue<string>().ShouldBe("booked");
        string.Join(", ", entryPaths).ShouldBe(
            "appointmentId, createdAt, createdBy, currentOfferId, etag, fromDate, id, locationId, locationName, modifiedAt, patientId, patientName, "
            + "practitionerId, practitionerName, serviceId, serviceName, status, timesOfDay, toDate");
        string.Join(", ", offerPaths).ShouldBe(
            "appointmentId, createdAt, entryId, expiresAt, freedAppointmentId, id, locationId, locationName, modifiedAt, patientId, practitionerId, round, "
            + "serviceId, serviceName, startTime, status");
        entryPaths.Concat(offerPaths).Intersect(StorageOnly).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_audit_page_item_answers_with_its_pinned_property_paths_and_no_storage_fields()
    {
        var at = DateTimeOffset.UtcNow;
        var entry = new AuditEntry(AuditStore.NewId(at), "demo", at, new AuditActor("online@contract.test", "online@contract.test", "unlinked"),
            "POST BookOnline", "/api/booking/appointments", "patient-contract", "success", 201, "correlation-1", "Made a patient record", "client-1");
        await api.Services.GetRequiredService<AuditStore>().RecordAsync(entry);

        var page = await (await api.AsAdmin().GetAsync("/api/audit?pageSize=500")).JsonAsync();
        var item = page["items"]!.AsArray().Single(e => e!["id"]!.GetValue<string>() == entry.Id);
        var paths = PathsOf([item]);

        string.Join(", ", paths).ShouldBe(
            "action, actor, actor.email, actor.role, actor.userId, at, clientCorrelationId, correlationId, etag, id, outcome, reason, resource, resourceId, status");
        paths.Select(p => p.Split(PathSeparators)[0]).Intersect(StorageOnly).ShouldBeEmpty();
        page.ContainsKey("continuationToken").ShouldBeTrue();
    }

    [Fact]
    public async Task The_booking_rules_and_a_created_patient_answer_with_their_pinned_property_paths_and_no_storage_fields()
    {
        var policies = await (await api.AsAdmin().GetAsync("/api/booking/policies")).JsonAsync();
        var created = await (await api.AsAdmin().PostAsJsonAsync("/api/patients", new { firstName = "Pia", lastName = "Paths", email = "pia.paths@example.com", phone = "+14155550123" })).JsonAsync();

        // feePolicyVersion goes out only while the clinic charges a fee (null values are left out).
        string.Join(", ", PathsOf([policies])).ShouldBe(
            "afterCareMessage, approvalRequiredForNewPatients, calendarFeedShowsPatientNames, cancellationNoticeHours, cancellationPolicy, clockFormat, depositHoldMinutes, lateCancellationFee, "
            + "maxFutureBookingsPerPatient, minimumNoticeMinutes, noShowFee, reminderHoursBefore, reviewRequestAfterDays, slotStepMinutes, staffMayDoubleBook, windowDays");
        string.Join(", ", PathsOf([created])).ShouldBe("email, firstName, id, lastName, phone");
    }

    /// <summary>
    /// The offer once it can be read: the entry names its offer as the round starts, and the offer's document may land
    /// a moment later under load.
    /// </summary>
    private static async Task<JsonObject> OfferOnceAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 300; i++)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.JsonAsync();
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{path} never answered 200.");
    }

    /// <summary>The patient's one entry once it has come to <paramref name="status"/> (the orchestration moves it in the background).</summary>
    private static async Task<JsonObject> EntryOnceAsync(HttpClient client, string status)
    {
        for (var i = 0; i < 300; i++)
        {
            var entry = (await (await client.GetAsync("/api/booking/waitlist?includeClosed=true")).JsonAsync())["items"]!.AsArray().Single()!.AsObject();
            if (entry["status"]!.GetValue<string>() == status)
            {
                return entry;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The waitlist entry never came to {status}.");
    }

    private static SortedSet<string> PathsOf(IEnumerable<JsonNode?> items)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            Collect(item, "", paths);
        }

        return paths;
    }

    private static void Collect(JsonNode? node, string prefix, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                    paths.Add(path);
                    Collect(value, path, paths);
                }

                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    if (element is JsonObject)
                    {
                        Collect(element, prefix + "[]", paths);
                    }
                }

                break;
        }
    }
}
