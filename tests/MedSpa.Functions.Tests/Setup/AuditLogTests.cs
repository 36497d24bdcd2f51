namespace MedSpa.Functions.Tests.Setup;

public sealed class AuditLogTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Every_write_is_recorded_with_who_what_and_outcome_newest_first()
    {
        await api.AsAdmin().PostAsJsonAsync("/api/rooms", new { name = "Audit room", type = "treatment", locationId = "nowhere", capacity = 1 });
        var location = await api.FirstIdAsync("demo", "location");
        var created = await api.AsAdmin().PostAsJsonAsync("/api/rooms", new { name = "Audit room", type = "treatment", locationId = location, capacity = 1 });
        await api.As($"frontdesk@{ApiHost.Demo}").DeleteAsync($"/api/rooms/{(await created.JsonAsync())["id"]}");

        var entries = (await (await api.AsAdmin().GetAsync("/api/audit?pageSize=3")).JsonAsync())["items"]!.AsArray();

        entries.Select(e => (e!["action"]!.GetValue<string>(), e["outcome"]!.GetValue<string>(), e["status"]!.GetValue<int>()))
            .ShouldBe([("DELETE DeleteRoom", "denied", 403), ("POST CreateRoom", "success", 201), ("POST CreateRoom", "failure", 400)]);
        entries[0]!["actor"]!["email"]!.GetValue<string>().ShouldBe($"frontdesk@{ApiHost.Demo}");
        entries[0]!["resourceId"]!.GetValue<string>().ShouldStartWith("room-");
    }

    [Fact]
    public async Task Another_clinic_never_sees_this_clinics_audit_entries()
    {
        await api.AsAdmin().PostAsJsonAsync("/api/rooms", new { name = "Private", type = "x", locationId = "nowhere", capacity = 1 });

        var entries = (await (await api.As($"admin@{ApiHost.Other}").GetAsync("/api/audit?pageSize=500")).JsonAsync())["items"]!.AsArray();

        entries.ShouldAllBe(e => e!["actor"]!["email"]!.GetValue<string>().EndsWith(ApiHost.Other));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("POST")]
    public async Task Audit_entries_cannot_be_changed_or_deleted_through_the_api(string method)
    {
        var response = await api.AsAdmin().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/audit"));

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound);
    }
}
