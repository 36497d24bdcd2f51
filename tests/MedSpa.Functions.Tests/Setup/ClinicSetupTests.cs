using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MedSpa.Functions.Tests.Support;

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
}
