using System.Text;
using MedSpa.Core.Calendars;

namespace MedSpa.Functions.Tests.Calendars;

/// <summary>
/// A practitioner's Google or Microsoft 365 calendar blocks their availability: connected through the fakes of both
/// APIs (which check what the real ones check), kept current by their notifications (believed only with the watch's
/// secret), re-synced in full when a sync state expires, renewed before the watch ends, and disconnected cleanly.
/// </summary>
public sealed class ExternalCalendarTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Injector = $"injector@{ApiHost.Demo}";

    [Fact]
    public async Task Graph_gets_its_validation_token_back_as_plain_text_before_anything_else()
    {
        var token = "Validation: Testing client application reachability for subscription Request-Id: 3b3f1c5a";

        var response = await api.Anonymous().PostAsync($"/api/webhooks/graph?validationToken={Uri.EscapeDataString(token)}", new StringContent("", Encoding.UTF8, "text/plain"));
        var lifecycle = await api.Anonymous().PostAsync($"/api/webhooks/graph/lifecycle?validationToken={Uri.EscapeDataString(token)}", new StringContent("", Encoding.UTF8, "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await response.Content.ReadAsStringAsync()).ShouldBe(token);
        (await lifecycle.Content.ReadAsStringAsync()).ShouldBe(token);
    }

    [Fact]
    public async Task A_busy_time_in_the_practitioners_Microsoft_calendar_takes_their_slot_away_and_gives_it_back_when_moved_or_deleted()
    {
        var (injector, userId) = await InjectorAsync();
        await DisconnectAllAsync(injector.Id);
        var connected = await api.As(Injector).PostAsJsonAsync($"/api/practitioners/{injector.Id}/calendar-connections", new { provider = "microsoft", calendarId = userId });
        connected.StatusCode.ShouldBe(HttpStatusCode.Created, await connected.Content.ReadAsStringAsync());
        var slot = await FirstSlotAsync(injector.Id);

        var eventId = await api.Calendars.AddEventAsync(userId, slot.Start.AddMinutes(-10), slot.End.AddMinutes(10));

        api.Calendars.Delivered.Last().Status.ShouldBe(202);
        await FinishOverBudgetSyncsAsync();
        (await SlotsAsync(injector.Id, slot)).ShouldNotContain(s => s.Start < slot.End.AddMinutes(10) && s.End > slot.Start.AddMinutes(-10));
        var listed = await (await api.As(Injector).GetAsync($"/api/practitioners/{injector.Id}/calendar-connections")).JsonAsync();
        listed["items"]![0]!["provider"]!.GetValue<string>().ShouldBe("microsoft");
        listed["items"]![0]!["busyTimes"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);

        // The staff calendar draws it in her column, as busy in her own calendar — to the desk and to her, with no detail.
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var location = setup.Locations.First(l => injector.WorkingHours.Any(h => h.LocationId == l.Id));
        var day = ClinicTime.For(location.TimeZone).LocalDate(slot.Start).ToString("yyyy-MM-dd");
        foreach (var reader in new[] { api.As(DeskSignIn), api.As(Injector) })
        {
            var calendar = await (await reader.GetAsync($"/api/appointments?locationId={location.Id}&date={day}")).JsonAsync();
            var own = calendar["busy"]!.AsArray().Where(b => b!["source"]!.GetValue<string>() == "own-calendar"
                && DateTimeOffset.Parse(b["startTime"]!.GetValue<string>()) == slot.Start.AddMinutes(-10)).ToList();
            own.ShouldHaveSingleItem().ShouldNotBeNull();
            own[0]!["practitionerId"]!.GetValue<string>().ShouldBe(injector.Id);
            DateTimeOffset.Parse(own[0]!["endTime"]!.GetValue<string>()).ShouldBe(slot.End.AddMinutes(10));
            own[0]!.AsObject().Select(p => p.Key).ShouldBe(["practitionerId", "startTime", "endTime", "source"], ignoreOrder: true);
        }

        // Moved a week back, out of the synced window (from a day ago): Graph reports it as @removed.
        await api.Calendars.MoveEventAsync(userId, eventId, slot.Start.AddDays(-7), slot.Start.AddDays(-7).AddHours(1));
        await FinishOverBudgetSyncsAsync();
        (await SlotsAsync(injector.Id, slot)).ShouldContain(s => s.Start == slot.Start);

        await api.Calendars.MoveEventAsync(userId, eventId, slot.Start, slot.End);
        await FinishOverBudgetSyncsAsync();
        (await SlotsAsync(injector.Id, slot)).ShouldNotContain(s => s.Start == slot.Start);
        await api.Calendars.DeleteEventAsync(userId, eventId);
        await FinishOverBudgetSyncsAsync();
        (await SlotsAsync(injector.Id, slot)).ShouldContain(s => s.Start == slot.Start);

        // A free event blocks nothing.
        await api.Calendars.AddEventAsync(userId, slot.Start, slot.End, free: true);
        await FinishOverBudgetSyncsAsync();
        (await SlotsAsync(injector.Id, slot)).ShouldContain(s => s.Start == slot.Start);
    }

    [Fact]
    public async Task A_Graph_notification_without_the_subscriptions_clientState_is_refused_and_changes_nothing()
    {
        var (injector, userId) = await InjectorAsync();
        await DisconnectAllAsync(injector.Id);
        (await api.As(Injector).PostAsJsonAsync($"/api/practitioners/{injector.Id}/calendar-connections", new { provider = "microsoft", calendarId = userId })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = api.Snapshot();

        (await api.Calendars.ForgeGraphNotificationAsync(userId, "not-the-secret")).ShouldBe(403);
        (await api.Calendars.ForgeGraphNotificationAsync(userId, "")).ShouldBe(403);
        var unknown = await api.Anonymous().PostAsJsonAsync("/api/webhooks/graph", new { value = new[] { new { subscriptionId = Guid.NewGuid().ToString(), clientState = "x", changeType = "created" } } });

        unknown.StatusCode.ShouldBe(HttpStatusCode.Accepted, "a subscription we no longer have is acknowledged and ignored");
        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task A_Google_calendar_is_watched_its_first_sync_message_acknowledged_and_a_push_without_the_channel_token_refused()
    {
        var (injector, _) = await InjectorAsync();
        const string calendar = "isabel.injector@clinic.example";
        await DisconnectAllAsync(injector.Id);
        var connected = await api.As(Injector).PostAsJsonAsync($"/api/practitioners/{injector.Id}/calendar-connections", new { provider = "google", calendarId = calendar });
        connected.StatusCode.ShouldBe(HttpStatusCode.Created, await connected.Content.ReadAsStringAsync());
        var slot = await FirstSlotAsync(injector.Id);

        await api.Calendars.AddEventAsync(calendar, slot.Start, slot.End);

        api.Calendars.Delivered.Last().ShouldBe(api.Calendars.Delivered.Last() with { Provider = "google", Status = 200 });
        (await SlotsAsync(injector.Id, slot)).ShouldNotContain(s => s.Start == slot.Start);

        var before = api.Snapshot();
        (await api.Calendars.ForgeGooglePushAsync(calendar, "forged-token")).ShouldBe(403);
        (await api.Calendars.ForgeGooglePushAsync(calendar, null)).ShouldBe(403);
        using var stranger = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/google");
        stranger.Headers.Add("X-Goog-Channel-ID", "medspa-no-such-channel");
        stranger.Headers.Add("X-Goog-Resource-State", "exists");
        (await api.Anonymous().SendAsync(stranger)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.Anonymous().PostAsync("/api/webhooks/google", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        api.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task An_expired_sync_state_leads_to_a_full_sync_that_keeps_every_busy_time()
    {
        var (injector, userId) = await InjectorAsync();
        await DisconnectAllAsync(injector.Id);
        (await api.As(Injector).PostAsJsonAsync($"/api/practitioners/{injector.Id}/calendar-connections", new { provider = "microsoft", calendarId = userId })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var slot = await FirstSlotAsync(injector.Id);
        var first = await api.Calendars.AddEventAsync(userId, slot.Start, slot.End);

        api.Calendars.ExpireSyncStates();
        var second = await api.Calendars.AddEventAsync(userId, slot.Start.AddHours(2), slot.End.AddHours(2));

        var connection = (await api.Services.GetRequiredService<CalendarConnectionStore>().ReadAsync("demo", injector.Id, CalendarProvider.Microsoft))!.Body;
        connection.Problem.ShouldBeNull();
        connection.Busy.Select(b => b.EventId).ShouldContain(first);
        connection.Busy.Select(b => b.EventId).ShouldContain(second);
        connection.Problem.ShouldBeNull();
    }

    [Fact]
    public async Task Watches_are_renewed_before_they_end_and_a_removed_Graph_subscription_is_made_again()
    {
        var (injector, userId) = await InjectorAsync();
        const string calendar = "renewal.check@clinic.example";
        await DisconnectAllAsync(injector.Id);
        (await api.As(Injector).PostAsJsonAsync($"/api/practitioners/{injector.Id}/calendar-connections", new { provider = "microsoft", calendarId = userId })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.As(Injector).PostAsJsonAsync($"/api/practitioners/{injector.Id}/calendar-connections", new { provider = "google", calendarId = calendar })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var store = api.Services.GetRequiredService<CalendarConnectionStore>();
        var graphBefore = (await store.ReadAsync("demo", injector.Id, CalendarProvider.Microsoft))!.Body.Watch;
        var googleBefore = (await store.ReadAsync("demo", injector.Id, CalendarProvider.Google))!.Body.Watch;

        using (api.Clock.At(graphBefore.ExpiresAt.AddHours(-30)))
        {
            await api.Services.GetRequiredService<KeepExternalCalendarsInSync>().RunAsync();
        }

        var graphAfter = (await store.ReadAsync("demo", injector.Id, CalendarProvider.Microsoft))!.Body.Watch;
        var googleAfter = (await store.ReadAsync("demo", injector.Id, CalendarProvider.Google))!.Body.Watch;
        graphAfter.Id.ShouldBe(graphBefore.Id, "Graph extends the same subscription");
        graphAfter.ExpiresAt.ShouldBeGreaterThan(graphBefore.ExpiresAt);
        googleAfter.Id.ShouldNotBe(googleBefore.Id, "Google has no renewal: a new channel replaces the old");
        api.Calendars.WatchExpiry(calendar).ShouldBe(googleAfter.ExpiresAt);
        var slot = await FirstSlotAsync(injector.Id);
        await api.Calendars.AddEventAsync(calendar, slot.Start, slot.End);
        api.Calendars.Delivered.Last().Status.ShouldBe(200, "the new channel's token is believed");

        // Graph removed the subscription: the lifecycle event makes a new one, with a new secret.
        (await api.Calendars.SendLifecycleAsync(userId, "subscriptionRemoved", new Uri("http://localhost/api/webhooks/graph/lifecycle"))).ShouldBe(202);
        var remade = (await store.ReadAsync("demo", injector.Id, CalendarProvider.Microsoft))!.Body.Watch;
        remade.Id.ShouldNotBe(graphBefore.Id);
        await api.Calendars.AddEventAsync(userId, slot.Start.AddHours(3), slot.End.AddHours(3));
        api.Calendars.Delivered.Last().Status.ShouldBe(202);
    }

    [Fact]
    public async Task Only_the_practitioner_or_an_admin_connects_bad_requests_are_refused_and_nothing_is_left_behind()
    {
        var (injector, userId) = await InjectorAsync();
        await DisconnectAllAsync(injector.Id);
        var colleague = (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Staff.First(s => s.Role == StaffRole.Practitioner && s.Email != Injector && !s.Deleted);
        var path = $"/api/practitioners/{injector.Id}/calendar-connections";
        var before = api.Snapshot();
        var subscriptions = api.Calendars.GraphSubscriptions;

        (await api.As($"frontdesk@{ApiHost.Demo}").PostAsJsonAsync(path, new { provider = "microsoft", calendarId = userId })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.As($"patient@{ApiHost.Demo}").PostAsJsonAsync(path, new { provider = "microsoft", calendarId = userId })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.As(Injector).PostAsJsonAsync($"/api/practitioners/{colleague.Id}/calendar-connections", new { provider = "microsoft", calendarId = userId })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await api.As(Injector).PostAsJsonAsync(path, new { provider = "yahoo", calendarId = userId })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "provider");
        await (await api.As(Injector).PostAsJsonAsync(path, new { provider = "microsoft", calendarId = "isabel@clinic.example" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "calendarId");
        await (await api.As(Injector).PostAsJsonAsync(path, new { provider = "google", calendarId = "no at sign\u0007" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "calendarId");
        await (await api.As(Injector).PostAsJsonAsync(path, new { provider = "google" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "calendarId");
        await (await api.As(Injector).DeleteAsync($"{path}/yahoo")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "provider");

        api.Snapshot().ShouldBe(before);
        api.Calendars.GraphSubscriptions.ShouldBe(subscriptions);

        // Connected once; a second is refused; disconnecting stops the watch and frees the time.
        (await api.AsAdmin().PostAsJsonAsync(path, new { provider = "microsoft", calendarId = userId })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.As(Injector).PostAsJsonAsync(path, new { provider = "microsoft", calendarId = userId })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var slot = await FirstSlotAsync(injector.Id);
        await api.Calendars.AddEventAsync(userId, slot.Start, slot.End);
        (await SlotsAsync(injector.Id, slot)).ShouldNotContain(s => s.Start == slot.Start);

        (await api.As(Injector).DeleteAsync($"{path}/microsoft")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        api.Calendars.GraphSubscriptions.ShouldBe(subscriptions);
        (await SlotsAsync(injector.Id, slot)).ShouldContain(s => s.Start == slot.Start);
        (await (await api.As(Injector).GetAsync(path)).JsonAsync())["items"]!.AsArray().ShouldBeEmpty();
    }

    /// <summary>The demo injector, and a Microsoft object id of her own (each test class has its own fake).</summary>
    private async Task<(StaffMember Injector, string UserId)> InjectorAsync()
    {
        var injector = (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Staff.Single(s => s.Email == Injector);
        return (injector, "6f1d2c3b-4a5e-4f60-8a71-92b3c4d5e6f7");
    }

    /// <summary>
    /// What the timer does for a sync a notification started but could not finish within its two-second budget (a loaded
    /// machine): finishes it, so the assertions read the calendar as it settles (it syncs only what a notification asked for, or a calendar unread for an hour).
    /// </summary>
    private Task FinishOverBudgetSyncsAsync() => api.Services.GetRequiredService<KeepExternalCalendarsInSync>().RunAsync();

    private async Task DisconnectAllAsync(string practitionerId)
    {
        foreach (var provider in new[] { "microsoft", "google" })
        {
            (await api.AsAdmin().DeleteAsync($"/api/practitioners/{practitionerId}/calendar-connections/{provider}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
    }

    private async Task<Slot> FirstSlotAsync(string practitionerId) => (await SlotsAsync(practitionerId, null)).First();

    /// <summary>The injector's free consultation times in a week from tomorrow (or on the given slot's day).</summary>
    private async Task<IReadOnlyList<Slot>> SlotsAsync(string practitionerId, Slot? on)
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.First(s => s.Name == "Aesthetic consultation");
        var location = setup.Locations.First(l => setup.Member(practitionerId)!.WorkingHours.Any(h => h.LocationId == l.Id));
        var from = on is null ? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2) : ClinicTime.For(location.TimeZone).LocalDate(on.Start);
        var found = await api.Services.GetRequiredService<FindAvailability>().FindAsync("demo",
            new AvailabilityQuery(service.Id, location.Id, from.ToString("yyyy-MM-dd"), from.AddDays(on is null ? 6 : 0).ToString("yyyy-MM-dd"), practitionerId), online: false);
        return found.Value!.Slots;
    }
}
