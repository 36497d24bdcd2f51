namespace MedSpa.Functions.Tests.Booking;

/// <summary>A parent books for a child whose record names them, and sees, moves or cancels that booking; never for anyone else.</summary>
public sealed class ParentBookingTests(ApiHost api) : IClassFixture<ApiHost>
{
    private async Task<(string ServiceId, string LocationId, string StartTime)> FirstSlotAsync(HttpClient client, int days)
    {
        var setup = await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo");
        var service = setup.Services.Single(s => s.Name == "Signature facial");
        var location = setup.Locations.OrderBy(l => l.Name).First(l => setup.Staff.Any(m => service.PractitionerIds.Contains(m.Id) && m.WorkingHours.Any(h => h.LocationId == l.Id)));
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days);
        var slots = (await (await client.GetAsync($"/api/booking/availability?serviceId={service.Id}&locationId={location.Id}&from={day:yyyy-MM-dd}&to={day.AddDays(6):yyyy-MM-dd}")).JsonAsync())["slots"]!.AsArray();
        return (service.Id, location.Id, slots[0]!["startTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_parent_books_for_their_child_and_may_move_or_cancel_it_but_not_book_for_a_stranger()
    {
        var parent = api.As($"patient@{ApiHost.Demo}");
        var child = await api.NewPatientAsync("Kid", "Family");
        var stranger = await api.NewPatientAsync("Stranger", "Family");
        (await api.As(DeskSignIn).PostAsJsonAsync($"/api/patients/{child}/relationships", new { relatedPatientId = "patient-demo-0000", relationship = "parent", primaryContact = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var (serviceId, locationId, startTime) = await FirstSlotAsync(parent, 9);
        var before = api.Snapshot();

        var forStranger = await parent.PostAsJsonAsync("/api/booking/appointments", new { serviceId, locationId, startTime, patientId = stranger });
        forStranger.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forStranger.JsonAsync())["errors"]!["patientId"].ShouldNotBeNull();
        api.Snapshot().ShouldBe(before);

        var booked = await parent.PostAsJsonAsync("/api/booking/appointments", new { serviceId, locationId, startTime, patientId = child });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var appointment = await booked.JsonAsync();
        appointment["patientId"]!.GetValue<string>().ShouldBe(child);
        appointment["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["cancelled", "reschedule"]);
        var id = appointment["id"]!.GetValue<string>();
        (await parent.GetAsync($"/api/booking/appointments/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await parent.GetAsync($"/api/patients/{child}/appointments")).JsonAsync())["upcoming"]!.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(id);
        (await api.As(DeskSignIn).GetAsync($"/api/booking/appointments/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var cancelled = await parent.DeleteAsync($"/api/booking/appointments/{id}?reason=Sick");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
