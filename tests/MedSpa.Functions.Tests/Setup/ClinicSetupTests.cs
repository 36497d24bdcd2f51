using System.Text.Json;
using Microsoft.Extensions.Hosting;

namespace MedSpa.Functions.Tests.Setup;

public sealed class ClinicSetupTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static object NewService(string name) => new
    {
        name,
        category = "Facial",
        description = "A calming facial.",
        durationMinutes = 50,
        bufferBeforeMinutes = 0,
        bufferAfterMinutes = 10,
        price = new { amount = 18_500, currency = "USD" },
        deposit = new { kind = "fixed", amount = new { amount = 5_000, currency = "USD" } },
        roomType = "facial",
        equipmentTypes = Array.Empty<string>(),
        requiredFormIds = Array.Empty<string>(),
        requiredConsentIds = Array.Empty<string>(),
        onlineBookable = true,
        requiresConsultation = false,
        practitionerIds = Array.Empty<string>(),
    };

    private async Task<JsonObject> CreateServiceAsync(string name)
    {
        var response = await api.AsAdmin().PostAsJsonAsync("/api/services", NewService(name));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag.ShouldNotBeNull();
        return await response.JsonAsync();
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string url, JsonObject body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{etag}\"");
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task An_admin_creates_a_service_and_staff_find_it_by_search()
    {
        var created = await CreateServiceAsync("Oxygen Glow Facial");

        var list = await (await api.As($"frontdesk@{ApiHost.Demo}").GetAsync("/api/services?q=oxygen%20glow")).JsonAsync();

        list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ShouldBe([created["id"]!.GetValue<string>()]);
        created["price"]!["amount"]!.GetValue<long>().ShouldBe(18_500);
        created["tenantId"].ShouldBeNull();
    }

    [Fact]
    public async Task Front_desk_may_look_but_not_change()
    {
        var response = await api.As($"frontdesk@{ApiHost.Demo}").PostAsJsonAsync("/api/services", NewService("Not allowed"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await api.AsAdmin().GetAsync("/api/services?q=not%20allowed")).JsonAsync())["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_update_without_If_Match_is_refused_with_428()
    {
        var created = await CreateServiceAsync("Needs etag");

        var response = await PutAsync(api.AsAdmin(), $"/api/services/{created["id"]}", created, etag: null);

        response.StatusCode.ShouldBe((HttpStatusCode)428);
    }

    [Fact]
    public async Task A_stale_update_answers_412_and_keeps_the_newer_change()
    {
        var created = await CreateServiceAsync("Two editors");
        var url = $"/api/services/{created["id"]}";
        var etag = created["etag"]!.GetValue<string>();
        var first = created.DeepClone().AsObject();
        first["name"] = "First editor wins";
        (await PutAsync(api.AsAdmin(), url, first, etag)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var second = created.DeepClone().AsObject();
        second["name"] = "Second editor";
        var response = await PutAsync(api.AsAdmin(), url, second, etag);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await (await api.AsAdmin().GetAsync(url)).JsonAsync())["name"]!.GetValue<string>().ShouldBe("First editor wins");
    }

    [Fact]
    public async Task Deleting_archives_the_item_and_restoring_brings_it_back()
    {
        var created = await CreateServiceAsync("Seasonal peel");
        var id = created["id"]!.GetValue<string>();

        (await api.AsAdmin().DeleteAsync($"/api/services/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var visible = await (await api.AsAdmin().GetAsync("/api/services?q=seasonal")).JsonAsync();
        var archived = await (await api.AsAdmin().GetAsync("/api/services?q=seasonal&includeDeleted=true")).JsonAsync();
        visible["items"]!.AsArray().ShouldBeEmpty();
        archived["items"]!.AsArray().Single()!["deleted"]!.GetValue<bool>().ShouldBeTrue();

        (await api.AsAdmin().PostAsync($"/api/services/{id}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await api.AsAdmin().GetAsync("/api/services?q=seasonal")).JsonAsync())["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_room_at_an_unknown_location_is_refused_with_a_field_error()
    {
        var response = await api.AsAdmin().PostAsJsonAsync("/api/rooms", new { name = "Ghost room", type = "treatment", locationId = "location-nowhere", capacity = 1 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!["locationId"]!.AsArray().Single()!.GetValue<string>().ShouldContain("No location");
    }

    [Fact]
    public async Task A_location_needs_a_real_time_zone_and_sane_opening_hours()
    {
        var response = await api.AsAdmin().PostAsJsonAsync("/api/locations", new
        {
            name = "Downtown",
            address = new { line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" },
            timeZone = "Mars/Olympus_Mons",
            openingHours = new[] { new { day = "monday", open = "18:00", close = "18:00" } }, // an empty range (18:00-09:00 is a valid overnight one)
            closures = Array.Empty<object>(),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["timeZone", "openingHours[0].close"], ignoreOrder: true);
    }

    [Fact]
    public async Task Lists_page_with_a_continuation_token_in_name_order()
    {
        var names = new List<string>();
        string? token = null;
        do
        {
            var url = "/api/services?pageSize=7" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await (await api.AsAdmin().GetAsync(url)).JsonAsync();
            names.AddRange(page["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        names.Count.ShouldBeGreaterThanOrEqualTo(26);
        names.ShouldBe(names.OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Adding_a_staff_member_lets_their_email_sign_in_with_their_role()
    {
        var location = await api.FirstIdAsync("demo", "location");
        var response = await api.AsAdmin().PostAsJsonAsync("/api/staff", new
        {
            firstName = "Nora",
            lastName = "New",
            email = "nora.new@demo.medspa.test",
            role = "frontdesk",
            workingHours = new[] { new { locationId = location, day = "tuesday", start = "09:00", end = "17:00" } },
            timeOff = Array.Empty<object>(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);

        var me = await (await api.As("nora.new@demo.medspa.test").GetAsync("/api/me")).JsonAsync();
        me["role"]!.GetValue<string>().ShouldBe("frontdesk");

        (await api.AsAdmin().DeleteAsync($"/api/staff/{(await response.JsonAsync())["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.As("nora.new@demo.medspa.test").GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_archived_practitioner_leaves_the_services_they_performed_and_those_services_still_save()
    {
        var location = await api.FirstIdAsync("demo", "location");
        var hired = await (await api.AsAdmin().PostAsJsonAsync("/api/staff", new
        {
            firstName = "Lena",
            lastName = "Leaving",
            email = "lena.leaving@demo.medspa.test",
            role = "practitioner",
            practitioner = new { bio = "Injector.", certifications = Array.Empty<object>(), tags = Array.Empty<string>() },
            workingHours = new[] { new { locationId = location, day = "tuesday", start = "09:00", end = "17:00" } },
            timeOff = Array.Empty<object>(),
        })).JsonAsync();
        var staffId = hired["id"]!.GetValue<string>();
        var service = new JsonObject(JsonSerializer.SerializeToNode(NewService("Farewell Facial"))!.AsObject().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))
        {
            ["practitionerIds"] = new JsonArray(staffId),
        };
        var created = await (await api.AsAdmin().PostAsJsonAsync("/api/services", service)).JsonAsync();
        var url = $"/api/services/{created["id"]}";

        (await api.AsAdmin().DeleteAsync($"/api/staff/{staffId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var after = await (await api.AsAdmin().GetAsync(url)).JsonAsync();
        after["practitionerIds"]!.AsArray().ShouldBeEmpty();
        (await PutAsync(api.AsAdmin(), url, after, after["etag"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.AsAdmin().PostAsync($"/api/staff/{staffId}/restore", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await api.AsAdmin().GetAsync(url)).JsonAsync())["practitionerIds"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_email_that_signs_in_to_another_clinic_cannot_be_taken()
    {
        var before = api.Snapshot();

        var response = await api.AsAdmin().PostAsJsonAsync("/api/staff", new
        {
            firstName = "Poach",
            lastName = "Er",
            email = $"admin@{ApiHost.Other}",
            role = "admin",
            workingHours = Array.Empty<object>(),
            timeOff = Array.Empty<object>(),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        api.Snapshot().ShouldBe(before);
        (await (await api.As($"admin@{ApiHost.Other}").GetAsync("/api/me")).JsonAsync())["tenantId"]!.GetValue<string>().ShouldBe(ApiHost.OtherTenant);
    }

    private static readonly string[] EveryDay = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>A new practitioner working every day at the location, through the API.</summary>
    private async Task<JsonObject> CreatePractitionerAsync(string firstName, string locationId)
    {
        var response = await api.AsAdmin().PostAsJsonAsync("/api/staff", new
        {
            firstName,
            lastName = "Performer",
            email = $"{firstName.ToLowerInvariant()}.performer.{Guid.NewGuid():N}@demo.medspa.test",
            role = "practitioner",
            practitioner = new { bio = "Facials.", certifications = Array.Empty<object>(), tags = Array.Empty<string>() },
            workingHours = EveryDay.Select(day => new { locationId, day, start = "08:00", end = "20:00" }).ToArray(),
            timeOff = Array.Empty<object>(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_staff_member_sent_with_services_they_perform_is_refused_with_where_to_choose_them()
    {
        var location = await api.FirstIdAsync("demo", "location");
        var created = await CreatePractitionerAsync("Listing", location);
        var service = await CreateServiceAsync("Listed by the practitioner");
        var url = $"/api/staff/{created["id"]}";
        var sent = created.DeepClone().AsObject();
        sent["practitioner"]!["serviceIds"] = new JsonArray(service["id"]!.GetValue<string>());
        var before = api.Snapshot();

        var put = await PutAsync(api.AsAdmin(), url, sent, created["etag"]!.GetValue<string>());
        sent.Remove("id");
        sent["email"] = $"listing.new.{Guid.NewGuid():N}@demo.medspa.test";
        var post = await api.AsAdmin().PostAsJsonAsync("/api/staff", sent);

        foreach (var response in new[] { put, post })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var errors = (await response.JsonAsync())["errors"]!.AsObject();
            errors.Select(e => e.Key).ShouldBe(["practitioner.serviceIds"]);
            errors["practitioner.serviceIds"]![0]!.GetValue<string>().ShouldContain("Choose who performs a service on the service");
        }

        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Unknown_fields_elsewhere_are_still_ignored_so_clients_may_send_back_what_they_read()
    {
        var location = await api.FirstIdAsync("demo", "location");
        var created = await CreatePractitionerAsync("Roundtrip", location);
        var sent = created.DeepClone().AsObject();
        sent["lastName"] = "Roundtripped";
        sent["somethingNew"] = true;

        var response = await PutAsync(api.AsAdmin(), $"/api/staff/{created["id"]}", sent, created["etag"]!.GetValue<string>());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.JsonAsync())["lastName"]!.GetValue<string>().ShouldBe("Roundtripped");
    }

    [Fact]
    public async Task The_services_practitioner_list_decides_whom_patients_see_and_whom_any_practitioner_books()
    {
        var location = await api.FirstIdAsync("demo", "location");
        var chosen = (await CreatePractitionerAsync("Chosen", location))["id"]!.GetValue<string>();
        var other = (await CreatePractitionerAsync("Other", location))["id"]!.GetValue<string>();
        var body = JsonSerializer.SerializeToNode(NewService("Performed by one"))!.AsObject();
        body["deposit"] = new JsonObject { ["kind"] = "none" };
        body["practitionerIds"] = new JsonArray(chosen);
        var created = await (await api.AsAdmin().PostAsJsonAsync("/api/services", body)).JsonAsync();
        var serviceId = created["id"]!.GetValue<string>();

        async Task<string[]> ShownAsync() =>
            [.. (await (await api.Anonymous().GetAsync($"/api/booking/practitioners?clinicId=demo&serviceId={serviceId}&locationId={location}")).JsonAsync())["items"]!
                .AsArray().Select(p => p!["id"]!.GetValue<string>())];
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        var slots = (await (await api.Anonymous().GetAsync(
                $"/api/booking/availability?clinicId=demo&serviceId={serviceId}&locationId={location}&from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}"))
            .JsonAsync())["slots"]!.AsArray();

        (await ShownAsync()).ShouldBe([chosen]);
        slots.ShouldNotBeEmpty();
        slots.SelectMany(s => s!["practitionerIds"]!.AsArray().Select(p => p!.GetValue<string>())).Distinct().ShouldBe([chosen]);
        var booked = await api.As($"patient@{ApiHost.Demo}").PostAsJsonAsync("/api/booking/appointments",
            new { serviceId, locationId = location, startTime = slots[0]!["startTime"]!.GetValue<string>() });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await booked.JsonAsync())["practitionerId"]!.GetValue<string>().ShouldBe(chosen);

        var current = await (await api.AsAdmin().GetAsync($"/api/services/{serviceId}")).JsonAsync();
        current["practitionerIds"] = new JsonArray(other);
        (await PutAsync(api.AsAdmin(), $"/api/services/{serviceId}", current, current["etag"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ShownAsync()).ShouldBe([other]);
    }

    [Fact]
    public async Task On_start_a_staff_document_stored_with_services_moves_them_onto_the_services()
    {
        var location = await api.FirstIdAsync("demo", "location");
        var staffId = (await CreatePractitionerAsync("Stored", location))["id"]!.GetValue<string>();
        var serviceId = (await CreateServiceAsync("Named by an old staff document"))["id"]!.GetValue<string>();
        var old = (await api.Store.ReadAsync<JsonObject>(Partitions.Clinic, "demo", staffId))!;
        old.Body["practitioner"]!["serviceIds"] = new JsonArray(serviceId);
        await api.Store.ReplaceAsync(Partitions.Clinic, "demo", staffId, old.Body, old.ETag);

        await api.Services.GetServices<IHostedService>().OfType<PerformerMigration>().Single().StartAsync(CancellationToken.None);

        var service = await (await api.AsAdmin().GetAsync($"/api/services/{serviceId}")).JsonAsync();
        service["practitionerIds"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe([staffId]);
        var stored = (await api.Store.ReadAsync<JsonObject>(Partitions.Clinic, "demo", staffId))!.Body;
        stored["practitioner"]!.AsObject().ContainsKey("serviceIds").ShouldBeFalse();
    }
}
