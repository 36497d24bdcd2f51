using System.Text;
using Ical.Net;
using MedSpa.Functions.Booking;
using MedSpa.Functions.Orchestrations;
using Microsoft.DurableTask;
using Moq;

namespace MedSpa.Functions.Tests.Booking;

/// <summary>What a patient's appointment card offers: the .ics for their calendar, the address for directions, and why a booking ended.</summary>
public sealed class PatientAppointmentExtrasTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Patient = $"patient@{ApiHost.Demo}";
    private const string NewYork = "America/New_York";

    [Fact]
    public async Task The_calendar_file_parses_back_to_the_appointments_own_times_place_and_uid()
    {
        var appointment = await api.BookFirstFreeAsync("demo", "patient-demo-0000", "Xeomin", dayOffset: 6);
        var client = api.As(Patient);

        var response = await client.GetAsync($"/api/booking/appointments/{appointment.Id}/calendar.ics");
        var again = await (await client.GetAsync($"/api/booking/appointments/{appointment.Id}/calendar.ics")).Content.ReadAsStringAsync();
        var json = await (await client.GetAsync($"/api/booking/appointments/{appointment.Id}")).JsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;
        var e = calendar.Events.Single();
        e.Uid.ShouldBe($"{appointment.Id}@demo.medspa");
        Calendar.Load(again)!.Events.Single().Uid.ShouldBe(e.Uid);
        new DateTimeOffset(e.DtStart!.AsUtc).ShouldBe(DateTimeOffset.Parse(json["startTime"]!.GetValue<string>()));
        new DateTimeOffset(e.DtEnd!.AsUtc).ShouldBe(DateTimeOffset.Parse(json["endTime"]!.GetValue<string>()));
        e.Summary.ShouldStartWith("Xeomin at ");
        e.Location!.ShouldContain(json["locationAddressText"]!.GetValue<string>());
        text.ShouldNotContain("Pat Patient");
        text.ShouldNotContain(appointment.CheckInCode!);
    }

    [Fact]
    public async Task Another_patients_calendar_file_is_not_found()
    {
        var theirs = await api.BookFirstFreeAsync("demo", "patient-demo-0001", "Xeomin", dayOffset: 8);

        var response = await api.As(Patient).GetAsync($"/api/booking/appointments/{theirs.Id}/calendar.ics");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task The_appointment_carries_its_locations_address()
    {
        var appointment = await api.BookFirstFreeAsync("demo", "patient-demo-0000", "Xeomin", dayOffset: 10);
        var location = (await api.Services.GetRequiredService<ClinicSetupStore>().LoadAsync("demo")).Location(appointment.LocationId)!;

        var json = await (await api.As(Patient).GetAsync($"/api/booking/appointments/{appointment.Id}")).JsonAsync();

        json["locationAddress"]!["line1"]!.GetValue<string>().ShouldBe(location.Address.Line1);
        json["locationAddressText"]!.GetValue<string>().ShouldBe(AppointmentCalendarEntry.AddressLine(location.Address));
        json["locationAddressText"]!.GetValue<string>().ShouldContain(location.Address.City);
    }

    [Theory]
    [InlineData("2026-03-08", 10, 0, "2026-03-08T14:00:00Z")] // spring forward: EDT (UTC-4) from 03:00
    [InlineData("2026-03-07", 10, 0, "2026-03-07T15:00:00Z")] // the day before: still EST (UTC-5)
    [InlineData("2026-11-01", 13, 30, "2026-11-01T18:30:00Z")] // fall back: EST again from 02:00
    [InlineData("2026-11-01", 1, 30, "2026-11-01T05:30:00Z")] // the repeated hour: its first occurrence (EDT)
    public void The_calendar_file_keeps_the_wall_clock_time_across_daylight_saving_days(string date, int hour, int minute, string expectedUtc)
    {
        var start = ClinicTime.For(NewYork).Candidates(DateOnly.Parse(date), new TimeOnly(hour, minute)).First();
        var entry = new AppointmentCalendarEntry("appt-1@demo.medspa", start, start.AddMinutes(45), "Botox at Demo", "SoHo, 10 Prince St, New York, NY 10012, US",
            "With Ina Injector. To reschedule or cancel, open My appointments.", "CONFIRMED", 0, start.AddDays(-2));

        var text = AppointmentIcs.Write(entry);
        var e = Calendar.Load(text)!.Events.Single();

        new DateTimeOffset(e.DtStart!.AsUtc).ShouldBe(DateTimeOffset.Parse(expectedUtc));
        new DateTimeOffset(e.DtEnd!.AsUtc).ShouldBe(DateTimeOffset.Parse(expectedUtc).AddMinutes(45));
        ClinicTime.For(NewYork).LocalDateTime(new DateTimeOffset(e.DtStart.AsUtc)).ShouldBe(DateTime.Parse($"{date}T{hour:00}:{minute:00}:00"));
        e.DtStart.IsUtc.ShouldBeTrue();
        e.Location.ShouldBe(entry.Location);
    }

    [Fact]
    public void The_calendar_file_is_rfc_5545_text_crlf_lines_of_at_most_75_octets()
    {
        var start = new DateTimeOffset(2026, 6, 1, 14, 0, 0, TimeSpan.Zero);
        var entry = new AppointmentCalendarEntry("appt-1@demo.medspa", start, start.AddHours(1), "Microneedling with PRP at Clinique Élodie; Rue de la Paix",
            "Clinique Élodie — Suite 4, 1 Rue de la Paix, Paris, Île-de-France 75002, FR, a long address that has to be folded", "With Zoë.", "CONFIRMED", 3, start);

        var text = AppointmentIcs.Write(entry);

        text.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        text.ShouldEndWith("END:VCALENDAR\r\n");
        text.ShouldContain("VERSION:2.0\r\n");
        text.ShouldContain($"PRODID:{AppointmentIcs.ProductId}\r\n");
        text.Replace("\r\n", "").ShouldNotContain("\n");
        text.Split("\r\n").ShouldAllBe(line => Encoding.UTF8.GetByteCount(line) <= 75);
        Calendar.Load(text)!.Events.Single().Summary.ShouldBe(entry.Summary);
    }

    [Fact]
    public async Task A_declined_deposit_says_so_in_the_appointment_and_in_my_appointments()
    {
        var held = await api.HoldForDepositAsync(fromDays: 12);
        var id = held["id"]!.GetValue<string>();

        await api.PayDepositAsync(id, "4000 0000 0000 0002");
        var released = await api.WaitForSagaAsync(id);
        var tabs = await (await api.As(Patient).GetAsync("/api/booking/my-appointments")).JsonAsync();

        released["status"]!.GetValue<string>().ShouldBe("cancelled");
        released["statusReasonCode"]!.GetValue<string>().ShouldBe(AppointmentStatusReason.DepositDeclined);
        released["statusReason"]!.GetValue<string>().ShouldContain("declined");
        var listed = tabs["cancelled"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == id)!;
        listed["statusReasonCode"]!.GetValue<string>().ShouldBe(AppointmentStatusReason.DepositDeclined);
    }

    [Fact]
    public async Task An_expired_hold_says_so()
    {
        var held = await api.HoldForDepositAsync(fromDays: 19);
        var id = held["id"]!.GetValue<string>();
        var client = api.As(Patient);

        using (api.Clock.At(DateTimeOffset.UtcNow.AddMinutes(11)))
        {
            var expired = await api.WaitForSagaAsync(id, client: client);

            expired["status"]!.GetValue<string>().ShouldBe("cancelled");
            expired["statusReasonCode"]!.GetValue<string>().ShouldBe(AppointmentStatusReason.HoldExpired);
        }
    }

    [Fact]
    public async Task A_patients_own_cancellation_has_no_deposit_reason()
    {
        var appointment = await api.BookFirstFreeAsync("demo", "patient-demo-0000", "Xeomin", dayOffset: 15);

        var cancelled = await (await api.As(Patient).DeleteAsync($"/api/booking/appointments/{appointment.Id}?reason=Travelling")).JsonAsync();

        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["statusReasonCode"].ShouldBeNull();
        cancelled["statusReason"]!.GetValue<string>().ShouldBe("Travelling");
    }

    [Fact]
    public async Task The_saga_releases_an_expired_hold_with_the_reason_that_reads_as_expired()
    {
        var input = new BookingSagaInput("demo", "appt-1", new MedSpa.Core.Common.Money(5_000, "USD"), new DateTimeOffset(2026, 11, 22, 10, 10, 0, TimeSpan.Zero));
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.GetInput<BookingSagaInput>()).Returns(input);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2026, 11, 22, 10, 20, 0, DateTimeKind.Utc));
        context.Setup(c => c.CallActivityAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(Task.CompletedTask);
        context.Setup(c => c.CallActivityAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync("cancelled");

        await BookingSaga.RunOrchestrator(context.Object);

        context.Verify(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == nameof(ReleaseBooking)),
            It.Is<object?>(o => ((BookingSaga.ReleaseRequest)o!).Reason == AppointmentStatusReason.HoldExpiredText), It.IsAny<TaskOptions?>()));
    }
}
