using Ical.Net;
using MedSpa.Core.Audit;
using MedSpa.Core.Calendars;

namespace MedSpa.Functions.Tests.Calendars;

/// <summary>
/// A practitioner's private calendar link: made by them or an admin, read by any calendar that holds it (RFC 5545,
/// "Booked" unless the clinic allows names), replaced and turned off for good, and nobody else's to see.
/// </summary>
public sealed class CalendarFeedTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Injector = $"injector@{ApiHost.Demo}";

    [Fact]
    public async Task A_calendar_holding_the_link_reads_the_practitioners_visits_as_booked_with_no_patient_in_them()
    {
        var visit = await api.BookFirstFreeAsync("demo", "patient-demo-0001", "Xeomin", dayOffset: 5);
        await api.AsAdmin().DeleteAsync($"/api/practitioners/{visit.PractitionerId}/calendar-feed");
        var link = await (await api.AsAdmin().PostAsync($"/api/practitioners/{visit.PractitionerId}/calendar-feed", null)).JsonAsync();
        var path = link["path"]!.GetValue<string>();

        var response = await api.Anonymous().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;
        var entry = calendar.Events.Single(e => e.Uid == $"{visit.Id}@demo.medspa");
        entry.Summary.ShouldBe("Booked");
        new DateTimeOffset(entry.DtStart!.AsUtc).ShouldBe(visit.StartTime.ToUniversalTime());
        new DateTimeOffset(entry.DtEnd!.AsUtc).ShouldBe(visit.EndTime.ToUniversalTime());
        entry.DtStart.IsUtc.ShouldBeTrue();
        text.ShouldNotContain(visit.PatientName);
        text.ShouldNotContain("Xeomin");
        text.ShouldContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        text.Split("\r\n").ShouldAllBe(line => System.Text.Encoding.UTF8.GetByteCount(line) <= 75);
        calendar.Events.ShouldAllBe(e => e.Summary == "Booked");

        // An unchanged calendar costs a calendar one header, not the feed again.
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.Tag);
        (await api.Anonymous().SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // Each read is in the audit log, in the practitioner's name.
        var audited = await api.Services.GetRequiredService<AuditStore>().ListAsync(new Caller("t", "admin@demo", "Admin", "demo", Role.Admin), 100, null);
        audited.Value!.Items.ShouldContain(e => e.Body.Action == "read calendar feed" && e.Body.ResourceId == visit.PractitionerId);
    }

    [Fact]
    public async Task With_the_clinics_leave_the_feed_names_the_patient_and_treatment_and_a_cancelled_visit_drops_out()
    {
        var kept = await api.BookFirstFreeAsync("demo", "patient-demo-0002", "Xeomin", dayOffset: 12);
        var cancelled = await api.BookFirstFreeAsync("demo", "patient-demo-0002", "Xeomin", dayOffset: 12);
        (await api.As($"frontdesk@{ApiHost.Demo}").DeleteAsync($"/api/booking/appointments/{cancelled.Id}?reason=sick")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await api.AsAdmin().DeleteAsync($"/api/practitioners/{kept.PractitionerId}/calendar-feed");
        var path = (await (await api.AsAdmin().PostAsync($"/api/practitioners/{kept.PractitionerId}/calendar-feed", null)).JsonAsync())["path"]!.GetValue<string>();
        await api.SetPoliciesAsync(p => p["calendarFeedShowsPatientNames"] = true);
        try
        {
            var calendar = Calendar.Load(await api.Anonymous().GetStringAsync(path))!;

            calendar.Events.Single(e => e.Uid == $"{kept.Id}@demo.medspa").Summary.ShouldBe($"Xeomin: {kept.PatientName}");
            calendar.Events.ShouldNotContain(e => e.Uid == $"{cancelled.Id}@demo.medspa");
        }
        finally
        {
            await api.SetPoliciesAsync(p => p["calendarFeedShowsPatientNames"] = false);
        }
    }

    [Fact]
    public async Task The_practitioner_replaces_their_link_by_turning_it_off_and_the_old_one_stops_working()
    {
        var injector = (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Staff.Single(s => s.Email == Injector);
        var client = api.As(Injector);
        await client.DeleteAsync($"/api/practitioners/{injector.Id}/calendar-feed"); // another test's link for the same practitioner
        var made = await client.PostAsync($"/api/practitioners/{injector.Id}/calendar-feed", null);
        made.StatusCode.ShouldBe(HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        var first = await made.JsonAsync();
        var before = api.Snapshot();
        (await client.PostAsync($"/api/practitioners/{injector.Id}/calendar-feed", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        api.Snapshot().ShouldBe(before);
        (await api.Anonymous().GetAsync(first["path"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.OK, "a refused second link leaves the first working");

        (await client.DeleteAsync($"/api/practitioners/{injector.Id}/calendar-feed")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var second = await client.PostAsync($"/api/practitioners/{injector.Id}/calendar-feed", null);

        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var secondPath = (await second.JsonAsync())["path"]!.GetValue<string>();
        secondPath.ShouldNotBe(first["path"]!.GetValue<string>());
        (await second.JsonAsync())["url"]!.GetValue<string>().ShouldEndWith(secondPath);
        await (await api.Anonymous().GetAsync(first["path"]!.GetValue<string>())).ShouldBeNotFoundAsync();
        (await api.Anonymous().GetAsync(secondPath)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await client.GetAsync($"/api/practitioners/{injector.Id}/calendar-feed")).JsonAsync())["active"]!.GetValue<bool>().ShouldBeTrue();

        (await client.DeleteAsync($"/api/practitioners/{injector.Id}/calendar-feed")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await api.Anonymous().GetAsync(secondPath)).ShouldBeNotFoundAsync();
        (await (await client.GetAsync($"/api/practitioners/{injector.Id}/calendar-feed")).JsonAsync())["active"]!.GetValue<bool>().ShouldBeFalse();
        (await client.DeleteAsync($"/api/practitioners/{injector.Id}/calendar-feed")).StatusCode.ShouldBe(HttpStatusCode.NoContent, "turning off what is off is done");
        var stored = api.Snapshot();
        stored.ShouldNotContain(d => d.Contains(first["path"]!.GetValue<string>().Split('/')[3], StringComparison.Ordinal), "a link's token is never stored, only its hash");
    }

    [Fact]
    public async Task A_colleagues_link_looks_absent_and_the_desk_and_patients_are_refused_with_nothing_changed()
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var colleague = setup.Staff.First(s => s.Role == StaffRole.Practitioner && s.Email != Injector && !s.Deleted);
        await api.AsAdmin().DeleteAsync($"/api/practitioners/{colleague.Id}/calendar-feed");
        var made = await (await api.AsAdmin().PostAsync($"/api/practitioners/{colleague.Id}/calendar-feed", null)).JsonAsync();
        var before = api.Snapshot();

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Delete })
        {
            await (await api.As(Injector).SendAsync(new HttpRequestMessage(method, $"/api/practitioners/{colleague.Id}/calendar-feed"))).ShouldBeNotFoundAsync();
            (await api.As($"frontdesk@{ApiHost.Demo}").SendAsync(new HttpRequestMessage(method, $"/api/practitioners/{colleague.Id}/calendar-feed"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await api.As($"patient@{ApiHost.Demo}").SendAsync(new HttpRequestMessage(method, $"/api/practitioners/{colleague.Id}/calendar-feed"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await api.Anonymous().SendAsync(new HttpRequestMessage(method, $"/api/practitioners/{colleague.Id}/calendar-feed"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await (await api.AsAdmin().PostAsync("/api/practitioners/staff-none/calendar-feed", null)).ShouldBeNotFoundAsync();
        api.Snapshot().ShouldBe(before);
        (await api.Anonymous().GetAsync(made["path"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("NoSuchCalendarLinkNoSuchCalendarLinkNoSuch")]
    [InlineData("%07%08%1BNoSuchCalendarLinkNoSuchCalendarLinkN")]
    [InlineData("..%2F..%2Fadmin")]
    public async Task A_wrong_or_malformed_link_is_simply_not_found(string token)
    {
        var response = await api.Anonymous().GetAsync($"/api/calendar-feeds/{token}/appointments.ics");

        ((int)response.StatusCode).ShouldBeOneOf(400, 404);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public void Tokens_are_43_url_safe_characters_and_only_those_look_like_one()
    {
        var token = CalendarFeedLink.NewToken();

        token.Length.ShouldBe(43);
        CalendarFeedLink.LooksLikeToken(token).ShouldBeTrue();
        CalendarFeedLink.LooksLikeToken(token + "x").ShouldBeFalse();
        CalendarFeedLink.LooksLikeToken(token[..42] + "/").ShouldBeFalse();
        CalendarFeedLink.NewToken().ShouldNotBe(token);
    }

}

file static class NotFoundAnswers
{
    public static async Task ShouldBeNotFoundAsync(this HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
