namespace MedSpa.Core.Booking;

/// <summary>The desk scans the QR code from the patient's confirmation: today's booking with that code is checked in.</summary>
public sealed class CheckInByCode(AppointmentStore book, ClinicSetupStore setupReader, DomainEventQueue events, TimeProvider clock)
{
    public async Task<Result<Document<Appointment>>> CheckInAsync(Booker booker, string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 64)
        {
            return Error.Invalid.Field("code", "Scan or type the code from the patient's confirmation.");
        }

        var now = clock.GetUtcNow();
        var matches = await book.WithCheckInCodeAsync(booker.TenantId, code.Trim().ToUpperInvariant(), ct);
        var found = matches.FirstOrDefault(d => d.Body.Status is AppointmentStatus.Scheduled or AppointmentStatus.Confirmed && Math.Abs((d.Body.StartTime - now).TotalHours) < 12);
        if (found is null)
        {
            return new Error.NotFound("No appointment today has that check-in code.");
        }

        var appointment = found.Body;
        if (booker.Caller is null || !AppointmentAccess.MaySee(booker.Caller, appointment))
        {
            return new Error.NotFound("No appointment today has that check-in code.");
        }

        var zone = (await setupReader.LoadAsync(booker.TenantId, ct)).Location(appointment.LocationId)?.TimeZone ?? "UTC";
        if (AppointmentActions.Refusal(booker.Caller, appointment, AppointmentActions.CheckIn, zone, now) is { } refusal)
        {
            return refusal;
        }

        var checkedIn = appointment.CheckIn(booker.Name, now);
        if (!checkedIn.IsSuccess)
        {
            return checkedIn.Error;
        }

        var saved = await AppointmentWrites.SaveThenAsync(book, appointment, found.ETag, () => Task.CompletedTask, ct);
        if (saved.IsSuccess)
        {
            events.Raise(new Live.AppointmentStatusChanged(appointment.TenantId, appointment.Id));
        }

        return saved;
    }
}
