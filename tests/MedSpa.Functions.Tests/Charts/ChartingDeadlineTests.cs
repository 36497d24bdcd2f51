using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using MedSpa.Core.Charts;
using MedSpa.Core.Notifications;

namespace MedSpa.Functions.Tests.Charts;

/// <summary>
/// The clinic's charting deadline (GET/PUT /api/clinic/charting): an unsigned chart locks the clinic's number of hours
/// after the visit, its practitioner is reminded once some hours before, and sees what is left to sign; only an admin
/// changes the deadline, with the version read, and a refused change leaves it as it was.
/// </summary>
public sealed class ChartingDeadlineTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string json, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/clinic/charting") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (!string.IsNullOrEmpty(etag))
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        }

        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_clinic_that_locks_after_two_hours_reminds_the_practitioner_once_after_one_and_locks_after_two()
    {
        var read = await api.AsAdmin().GetAsync("/api/clinic/charting");
        (await read.JsonAsync())["autoLockHours"]!.GetValue<int>().ShouldBe(24); // the default
        var saved = await PutAsync(api.AsAdmin(), """{"autoLockHours": 2, "reminderHoursBeforeLock": 1}""", read.Headers.ETag?.Tag);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var (visit, injector, _) = await api.ChartableVisitAsync(dayOffset: 3);
        var id = (await (await injector.StartChartAsync(visit.Id)).JsonAsync())["id"]!.GetValue<string>();
        var lockCharts = api.Services.GetRequiredService<LockOverdueCharts>();
        var notices = api.Services.GetRequiredService<StaffNoticeStore>();

        var toSign = await (await injector.GetAsync("/api/charts/to-sign")).JsonAsync();
        var mine = toSign["items"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!;
        DateTimeOffset.Parse(mine["locksAt"]!.GetValue<string>(), CultureInfo.InvariantCulture).ShouldBe(visit.StartTime.AddHours(2));
        (await api.As(DeskSignIn).GetAsync("/api/charts/to-sign")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using (api.Clock.At(visit.StartTime.AddMinutes(30)))
        {
            (await lockCharts.LockAsync()).ShouldBe(0);
        }

        (await notices.GetAsync("demo", $"{id}:lock-reminder")).ShouldBeNull(); // too early to remind
        using (api.Clock.At(visit.StartTime.AddMinutes(75)))
        {
            await lockCharts.LockAsync();
            await lockCharts.LockAsync(); // the hourly timer, run twice: still one reminder
        }

        var reminder = (await notices.GetAsync("demo", $"{id}:lock-reminder")).ShouldNotBeNull();
        reminder.StaffId.ShouldBe(visit.PractitionerId);
        reminder.Link.ShouldBe($"/staff/charts/{id}");
        (await (await injector.GetAsync($"/api/charts/{id}")).JsonAsync())["status"]!.GetValue<string>().ShouldBe("draft");
        using (api.Clock.At(visit.StartTime.AddMinutes(125)))
        {
            (await lockCharts.LockAsync()).ShouldBeGreaterThanOrEqualTo(1);
        }

        var locked = await (await injector.GetAsync($"/api/charts/{id}")).JsonAsync();
        locked["status"]!.GetValue<string>().ShouldBe("locked");
        locked["lockedBy"]!.GetValue<string>().ShouldBe("Automatic: 2 hours after the visit");
        (await (await injector.GetAsync("/api/charts/to-sign")).JsonAsync())["items"]!.AsArray().ShouldNotContain(c => c!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task A_deadline_out_of_bounds_or_from_anyone_but_an_admin_is_refused_and_nothing_changes()
    {
        var before = await api.AsAdmin().GetAsync("/api/clinic/charting");
        var etag = before.Headers.ETag?.Tag;
        var snapshot = await before.Content.ReadAsStringAsync();

        var none = await PutAsync(api.AsAdmin(), """{"autoLockHours": 0, "reminderHoursBeforeLock": 0}""", etag);
        var tooLong = await PutAsync(api.AsAdmin(), """{"autoLockHours": 169, "reminderHoursBeforeLock": 4}""", etag);
        var reminderAfterLock = await PutAsync(api.AsAdmin(), """{"autoLockHours": 4, "reminderHoursBeforeLock": 4}""", etag);
        var missing = await PutAsync(api.AsAdmin(), """{"autoLockHours": 12}""", etag);
        var byInjector = await PutAsync(api.As(InjectorSignIn), """{"autoLockHours": 12, "reminderHoursBeforeLock": 2}""", etag);
        var stale = await PutAsync(api.AsAdmin(), """{"autoLockHours": 12, "reminderHoursBeforeLock": 2}""", "\"stale\"");

        (await none.JsonAsync())["errors"]!["autoLockHours"].ShouldNotBeNull();
        (await tooLong.JsonAsync())["errors"]!["autoLockHours"].ShouldNotBeNull();
        (await reminderAfterLock.JsonAsync())["errors"]!["reminderHoursBeforeLock"].ShouldNotBeNull();
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        byInjector.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ((int)stale.StatusCode).ShouldBeOneOf(409, 412);
        (await (await api.As(InjectorSignIn).GetAsync("/api/clinic/charting")).Content.ReadAsStringAsync()).ShouldBe(snapshot);
    }
}
