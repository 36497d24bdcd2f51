using MedSpa.Core.Notifications;
using MedSpa.Core.Reminders;
using MedSpa.Functions.Orchestrations;
using Microsoft.DurableTask.Client;

namespace MedSpa.Functions.Tests.Reminders;

/// <summary>
/// One reminders orchestration per appointment (the app's own durable engine, moved through time with the clock): each
/// reminder at its time, re-planned when the visit moves, stopped when it is cancelled, never sent for a time the visit
/// has left; after-care and the review at 10:00 local on their days, whatever a DST change does to the hours between.
/// </summary>
public sealed class AppointmentReminderTests(ApiHost api) : IClassFixture<ApiHost>
{
    private readonly HttpClient _patient = api.As(PatientSignIn); // signed in before any test moves the clock

    private DurableTaskClient Durable => api.Services.GetRequiredService<DurableTaskClient>();

    private async Task<(Service Service, Location Location)> PickAsync()
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.First(s => s.Name == "Signature facial");
        return (service, setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id))));
    }

    /// <summary>The free start times (as the API writes them) in the week from <paramref name="fromDays"/> days ahead.</summary>
    private async Task<IReadOnlyList<string>> SlotsAsync(int fromDays)
    {
        var (service, location) = await PickAsync();
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromDays);
        var slots = (await (await _patient.GetAsync($"/api/booking/availability?clinicId=demo&serviceId={service.Id}&locationId={location.Id}&from={day:yyyy-MM-dd}&to={day.AddDays(6):yyyy-MM-dd}")).JsonAsync())["slots"]!.AsArray();
        return [.. slots.Select(slot => slot!["startTime"]!.GetValue<string>())];
    }

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The patient books online; the visit's reminders start and wait for the first one.</summary>
    private async Task<(string Id, DateTimeOffset Start)> BookAsync(int fromDays)
    {
        var (service, location) = await PickAsync();
        var slots = await SlotsAsync(fromDays);
        var booked = await _patient.PostAsJsonAsync("/api/booking/appointments", new { serviceId = service.Id, locationId = location.Id, startTime = slots[Random.Shared.Next(Math.Min(5, slots.Count))] }); // among the first day's times
        booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var body = await booked.JsonAsync();
        var id = body["id"]!.GetValue<string>();
        await InstanceAsync(id, Waiting("48h"));
        return (id, Instant(body["startTime"]!.GetValue<string>()));
    }

    /// <summary>Waits (real time, briefly) until the instance shows <paramref name="status"/>.</summary>
    private async Task<OrchestrationMetadata> InstanceAsync(string appointmentId, Func<OrchestrationMetadata, bool> until)
    {
        OrchestrationMetadata? last = null;
        for (var i = 0; i < 200; i++)
        {
            last = await Durable.GetInstanceAsync(AppointmentReminders.InstanceIdFor("demo", appointmentId), getInputsAndOutputs: true);
            if (last is not null && until(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The reminders of {appointmentId} are {last?.RuntimeStatus} '{last?.SerializedCustomStatus}'.");
    }

    private static Func<OrchestrationMetadata, bool> Waiting(string key) => m => m.SerializedCustomStatus == $"\"waiting: {key}\"";

    private async Task<IReadOnlyList<PatientNotice>> RemindersAsync(string appointmentId) =>
        [.. (await api.Services.GetRequiredService<PatientNoticeStore>().ForPatientAsync("demo", PatientId)).Where(n => n.Id.StartsWith($"{appointmentId}:reminder:", StringComparison.Ordinal))];

    [Fact]
    public async Task Each_reminder_goes_at_its_time_once_and_a_moved_visit_is_reminded_at_its_new_time()
    {
        var (id, start) = await BookAsync(fromDays: 9);

        using (api.Clock.At(start.AddHours(-48).AddMinutes(1)))
        {
            await InstanceAsync(id, Waiting("2h"));
        }

        var first = (await RemindersAsync(id)).ShouldHaveSingleItem();
        first.Id.ShouldBe($"{id}:reminder:48h:{start.UtcDateTime:yyyyMMdd'T'HHmm}");
        first.Subject.ShouldBe("Your appointment is coming up");
        first.Body.ShouldContain("Signature facial at ");

        // Moved two days or more later: the 2h reminder for the old time never goes; the new time gets both.
        var etag = (await _patient.GetAsync($"/api/booking/appointments/{id}")).Headers.ETag!.Tag;
        var laterSlot = (await SlotsAsync(fromDays: 11)).First(t => Instant(t) >= start.AddDays(2));
        var later = Instant(laterSlot);
        var move = new HttpRequestMessage(HttpMethod.Put, $"/api/booking/appointments/{id}") { Content = JsonContent.Create(new { startTime = laterSlot }) };
        move.Headers.TryAddWithoutValidation("If-Match", etag);
        var moved = await _patient.SendAsync(move);
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        (await InstanceAsync(id, Waiting("48h"))).ReadInputAs<AppointmentRemindersInput>()!.Replans.ShouldBe(1);

        using (api.Clock.At(start.AddHours(-2).AddMinutes(1)))
        {
            await Task.Delay(300);
            (await RemindersAsync(id)).Count.ShouldBe(1, "nothing for the time the visit left");
        }

        using (api.Clock.At(later.AddHours(-48).AddMinutes(1)))
        {
            await InstanceAsync(id, Waiting("2h"));
        }

        using (api.Clock.At(later.AddHours(-2).AddMinutes(1)))
        {
            await InstanceAsync(id, Waiting("after-care"));
        }

        (await RemindersAsync(id)).Select(n => n.Id).ShouldBe(
            [$"{id}:reminder:48h:{start.UtcDateTime:yyyyMMdd'T'HHmm}", $"{id}:reminder:48h:{later.UtcDateTime:yyyyMMdd'T'HHmm}", $"{id}:reminder:2h:{later.UtcDateTime:yyyyMMdd'T'HHmm}"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_restart_while_the_reminders_wait_still_sends_each_once()
    {
        var (id, start) = await BookAsync(fromDays: 16);

        // The app stops while the visit's reminders wait (a deployment, a crash) and starts again on the same data.
        await api.RestartAsync();
        using (api.Clock.At(start.AddHours(-48).AddMinutes(1)))
        {
            await InstanceAsync(id, Waiting("2h"));
        }

        (await RemindersAsync(id)).ShouldHaveSingleItem().Id.ShouldBe($"{id}:reminder:48h:{start.UtcDateTime:yyyyMMdd'T'HHmm}");

        // Stopped again after the reminder went: starting over replays the history, and sends nothing twice.
        await api.RestartAsync();
        using (api.Clock.At(start.AddHours(-48).AddMinutes(5)))
        {
            await InstanceAsync(id, Waiting("2h"));
            await Task.Delay(300);
        }

        (await RemindersAsync(id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_cancelled_visit_stops_its_reminders()
    {
        var (id, start) = await BookAsync(fromDays: 12);

        (await _patient.DeleteAsync($"/api/booking/appointments/{id}?reason=away")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var stopped = await InstanceAsync(id, m => m.IsCompleted);
        stopped.ReadOutputAs<string>().ShouldBe("stopped");
        using (api.Clock.At(start.AddHours(-1)))
        {
            await Task.Delay(300);
        }

        (await RemindersAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task After_care_and_the_review_go_at_ten_local_across_a_dst_change_and_hours_before_are_real_hours()
    {
        // A visit on Monday 15 March 2027 at 10:00 in New York, the day after clocks spring forward (EDT, UTC-4).
        var plan = PlanFor(new DateTimeOffset(2027, 3, 15, 14, 0, 0, TimeSpan.Zero));
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        setup.Locations.First(l => l.Id == plan.LocationId).TimeZone.ShouldBe("America/New_York");

        var reminders = (await api.Services.GetRequiredService<PlanAppointmentReminders>().PlanAsync("demo", plan.AppointmentId)).Reminders.ToDictionary(r => r.Key, r => r.At);
        reminders["48h"].ShouldBe(new DateTimeOffset(2027, 3, 13, 14, 0, 0, TimeSpan.Zero), "48 real hours: 09:00 EST on the Saturday, before the change");
        reminders["2h"].ShouldBe(new DateTimeOffset(2027, 3, 15, 12, 0, 0, TimeSpan.Zero));
        reminders["after-care"].ShouldBe(new DateTimeOffset(2027, 3, 16, 14, 0, 0, TimeSpan.Zero), "10:00 EDT");
        reminders["review"].ShouldBe(new DateTimeOffset(2027, 3, 18, 14, 0, 0, TimeSpan.Zero));

        // And the autumn change: a visit on Monday 8 November 2027 at 10:00 EST (UTC-5), the day after clocks fall back.
        var autumn = PlanFor(new DateTimeOffset(2027, 11, 8, 15, 0, 0, TimeSpan.Zero));
        var fall = (await api.Services.GetRequiredService<PlanAppointmentReminders>().PlanAsync("demo", autumn.AppointmentId)).Reminders.ToDictionary(r => r.Key, r => r.At);
        fall["48h"].ShouldBe(new DateTimeOffset(2027, 11, 6, 15, 0, 0, TimeSpan.Zero), "11:00 EDT on the Saturday");
        fall["after-care"].ShouldBe(new DateTimeOffset(2027, 11, 9, 15, 0, 0, TimeSpan.Zero), "10:00 EST");
    }

    /// <summary>An appointment stored directly at a New York location (beyond the booking window, which is not what is tested).</summary>
    private (string AppointmentId, string LocationId) PlanFor(DateTimeOffset start)
    {
        var setup = api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo").GetAwaiter().GetResult();
        var location = setup.Locations.First(l => l.TimeZone == "America/New_York");
        var service = setup.Services.First(s => s.Name == "Signature facial");
        var appointment = Appointment.Book($"appt-dst-{Guid.NewGuid():N}", "demo", PatientId, "Demo Patient", service.Id, service.Name, null, location.Id,
            start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), new BookedTime(start, 60, 0, 0, service.PractitionerIds[0], null, []),
            BookingSource.Phone, AppointmentStatus.Scheduled, null, null, "DST01", null, "test", DateTimeOffset.UtcNow);
        api.Services.GetRequiredService<AppointmentStore>().AddAsync(appointment).GetAwaiter().GetResult();
        return (appointment.Id, location.Id);
    }
}
