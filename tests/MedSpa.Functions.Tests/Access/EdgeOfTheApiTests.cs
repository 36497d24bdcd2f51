using System.Text;
using MedSpa.Core.Audit;

namespace MedSpa.Functions.Tests.Access;

/// <summary>
/// What an attacker's probe found at the edges of the API, as classes rather than single routes: response headers on
/// every answer, the router's own 404/405, duplicate keys and numbers in strings, control and text-direction
/// characters, dates at the ends of the calendar, return addresses after sign-in, the dev token's reach, whose
/// correlation id the log keeps, and refusals in the audit log. Every refusal is 4xx problem+json and changes nothing.
/// </summary>
public sealed class EdgeOfTheApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    public static TheoryData<string> Functions() => HttpFunctions.Names();

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Every_api_answer_is_not_cached_and_not_sniffed(string key)
    {
        var endpoint = HttpFunctions.Find(key);
        var id = endpoint.HasId ? await api.FirstIdAsync("demo", endpoint.IdKind!) : null;
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url(id) + "?clinicId=demo");
        if (endpoint.HasBody)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await api.Anonymous().SendAsync(request);

        // The public booking page's reads hold no personal data and may be kept by the browser, which must ask each
        // time (no-cache) and gets 304 to the ETag it holds; nothing else may be stored.
        var mayBeKept = PublicReads.Contains(key) && response.IsSuccessStatusCode;
        (mayBeKept
            ? response.Headers.CacheControl?.NoCache == true && response.Headers.ETag is { IsWeak: true }
            : response.Headers.CacheControl?.NoStore == true).ShouldBeTrue($"{endpoint} answered {(int)response.StatusCode}");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    private static readonly string[] PublicReads = ["BookingLocations GET", "BookingServices GET", "BookingPractitioners GET", "BookingAvailability GET"];

    [Theory]
    [InlineData("GET", "/api/no-such-thing", 404)]
    [InlineData("GET", "/api/locations/x/y/z", 404)]
    [InlineData("PATCH", "/api/locations", 405)]
    [InlineData("DELETE", "/api/booking/availability", 405)]
    public async Task The_routers_own_answers_are_problems_too(string method, string path, int status)
    {
        using var response = await api.AsAdmin().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync())["status"]!.GetValue<int>().ShouldBe(status);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task A_field_sent_twice_is_refused_and_nothing_is_created()
    {
        var before = api.Snapshot();

        using var response = await api.AsAdmin().PostAsync("/api/rooms", new StringContent(
            """{"name":"Room A","name":"Room B","type":"treatment","locationId":"x","capacity":1}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!["name"]![0]!.GetValue<string>().ShouldContain("more than once");
        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task A_number_sent_as_a_string_is_refused_and_nothing_is_created()
    {
        var location = await api.FirstIdAsync("demo", "location");
        var before = api.Snapshot();

        using var response = await api.AsAdmin().PostAsync("/api/rooms", new StringContent(
            $$"""{"name":"Room C","type":"treatment","locationId":"{{location}}","capacity":"2"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((JsonObject)(await response.JsonAsync())["errors"]!).ContainsKey("capacity").ShouldBeTrue();
        api.Snapshot().ShouldBe(before);
    }

    [Theory]
    [InlineData("Evil\u202Egnp.exe")]
    [InlineData("Room\u0007")]
    [InlineData("Line\nbreak")]
    [InlineData("Isolate\u2066d")]
    public async Task A_name_with_control_or_text_direction_characters_is_refused(string name)
    {
        var location = await api.FirstIdAsync("demo", "location");
        var before = api.Snapshot();

        using var response = await api.AsAdmin().PostAsJsonAsync("/api/rooms", new { name, type = "treatment", locationId = location, capacity = 1 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!["name"]![0]!.GetValue<string>().ShouldBe(PlainText.NameMessage);
        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task Notes_may_break_lines_but_not_change_text_direction()
    {
        PlainText.IsText("First line\nSecond line").ShouldBeTrue();
        PlainText.IsText("Pay \u202Eyxxx").ShouldBeFalse();
        PlainText.IsName("Zoë O'Brien-Ångström 李").ShouldBeTrue();
    }

    public static TheoryData<string, string> EdgeDates() => new()
    {
        { "availability, year 1", "/api/booking/availability?clinicId=demo&serviceId={service}&locationId={location}&from=0001-01-01&to=0001-01-07" },
        { "availability, year 9999", "/api/booking/availability?clinicId=demo&serviceId={service}&locationId={location}&from=9999-12-25&to=9999-12-31" },
        { "calendar, last day", "/api/appointments?locationId={location}&date=9999-12-31&days=7" },
        { "calendar, first day", "/api/appointments?locationId={location}&date=0001-01-01&days=7" },
        { "orchestrations, created range", "/api/admin/orchestrations?createdFrom=0001-01-01T00:00:00Z&createdTo=9999-12-31T23:59:59Z" },
    };

    [Theory]
    [MemberData(nameof(EdgeDates))]
    public async Task Dates_at_the_ends_of_the_calendar_are_refused_plainly(string label, string template)
    {
        var url = template.Replace("{service}", await api.FirstIdAsync("demo", "service"), StringComparison.Ordinal)
            .Replace("{location}", await api.FirstIdAsync("demo", "location"), StringComparison.Ordinal);

        using var response = await api.AsAdmin().GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, label);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", label);
    }

    [Theory]
    [InlineData("9999-12-31T23:00:00Z")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("9999-12-31T23:59:59-14:00")]
    public async Task Booking_checking_rescheduling_and_series_refuse_instants_at_the_ends_of_the_calendar(string instant)
    {
        var service = await api.FirstIdAsync("demo", "service");
        var location = await api.FirstIdAsync("demo", "location");
        var appointment = await api.AppointmentIdAsync("demo");
        var before = api.Snapshot();
        var desk = api.As($"frontdesk@{ApiHost.Demo}");

        var answers = new[]
        {
            await desk.PostAsJsonAsync("/api/booking/validate-booking", new { serviceId = service, locationId = location, startTime = instant, patientId = "patient-demo-0001" }),
            await desk.PostAsJsonAsync("/api/booking/appointments", new { serviceId = service, locationId = location, startTime = instant, patientId = "patient-demo-0001" }),
            await desk.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/booking/appointments/{appointment}")
            {
                Content = JsonContent.Create(new { startTime = instant }),
                Headers = { { "If-Match", await ETagOfAsync(desk, appointment) } },
            }),
            await desk.PostAsJsonAsync("/api/booking/series", new { patientId = "patient-demo-0001", serviceId = service, locationId = location, firstStartTime = instant, sessions = 3, intervalWeeks = 4 }),
            await desk.PostAsJsonAsync("/api/booking/visits", new { patientId = "patient-demo-0001", locationId = location, startTime = instant, items = new[] { new { serviceId = service } } }),
        };

        foreach (var answer in answers)
        {
            ((int)answer.StatusCode).ShouldBeInRange(400, 499, $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri}");
            answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        api.Snapshot().ShouldBe(before);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0d%0aSet-Cookie:%20x=y")]
    [InlineData("/\\evil.example")]
    public async Task A_return_address_with_control_characters_or_backslashes_is_refused(string target)
    {
        foreach (var path in new[] { "/.auth/login/medspa?post_login_redirect_uri=", "/.auth/logout?post_logout_redirect_uri=" })
        {
            using var response = await api.Anonymous().GetAsync(path + target);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path + target);
            response.Headers.Location.ShouldBeNull();
        }
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/staff")]
    public async Task A_return_address_on_another_site_falls_back_to_home(string target)
    {
        using var response = await api.Anonymous().GetAsync("/.auth/logout?post_logout_redirect_uri=" + Uri.EscapeDataString(target));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Theory]
    [InlineData("192.168.1.20:7071")]
    [InlineData("medspa.example")]
    public async Task Dev_tokens_are_only_for_this_machine(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dev/token") { Content = JsonContent.Create(new { email = $"admin@{ApiHost.Demo}" }) };
        request.Headers.Host = host;

        using var response = await api.Anonymous().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_correlation_id_is_ours_and_a_clients_is_kept_apart_in_the_audit_log()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/rooms") { Content = JsonContent.Create(new { name = "" }) };
        request.Headers.Add("X-Correlation-Id", "client-chosen-id");
        using var response = await api.AsAdmin().SendAsync(request);
        var ours = response.Headers.GetValues("X-Correlation-Id").Single();

        ours.ShouldNotBe("client-chosen-id");
        var entry = await LatestAuditAsync(e => e.CorrelationId == ours);
        entry.ClientCorrelationId.ShouldBe("client-chosen-id");
    }

    [Fact]
    public async Task A_refused_read_of_an_admin_route_is_audited()
    {
        using var response = await api.As($"injector@{ApiHost.Demo}").GetAsync("/api/audit");
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var ours = response.Headers.GetValues("X-Correlation-Id").Single();

        var entry = await LatestAuditAsync(e => e.CorrelationId == ours);

        entry.Outcome.ShouldBe("denied");
        entry.Status.ShouldBe(403);
        entry.Actor.Email.ShouldBe($"injector@{ApiHost.Demo}");
    }

    private async Task<AuditEntry> LatestAuditAsync(Func<AuditEntry, bool> match)
    {
        var entries = await api.Store.QueryAllAsync<AuditEntry>(Partitions.Audit, DemoClinicTenant, new DocumentQuery());
        return entries.Select(d => d.Body).Last(match);
    }

    private static string DemoClinicTenant => Infrastructure.Seeding.DemoClinic.DemoTenantId;

    private static async Task<string> ETagOfAsync(HttpClient client, string appointmentId)
    {
        using var response = await client.GetAsync($"/api/booking/appointments/{appointmentId}");
        return response.Headers.ETag?.Tag ?? "\"none\"";
    }
}
