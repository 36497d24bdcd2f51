namespace MedSpa.Core.Booking;

/// <summary>Reads an appointment the booker may see: patients their own (and their children's), practitioners theirs, the desk and admins any.</summary>
public sealed class AppointmentAccess(AppointmentStore book)
{
    public async Task<Result<Document<Appointment>>> GetAsync(Booker booker, string id, CancellationToken ct = default)
    {
        var found = await book.GetAsync(booker.TenantId, id, ct);
        return found is not null && MaySee(booker.Caller, found.Body) ? found : new Error.NotFound($"No appointment '{id}' for you in this clinic.");
    }

    /// <summary>Why the booker may not do <paramref name="action"/> to the appointment now (see <see cref="AppointmentActions"/>).</summary>
    public async Task<Error?> RefusalAsync(Booker booker, Appointment appointment, string action, ClinicSetupStore setupReader, DateTimeOffset now, CancellationToken ct)
    {
        if (booker.Caller is not { } caller)
        {
            return new Error.Forbidden("Sign in to change an appointment.");
        }

        var zone = (await setupReader.LoadAsync(booker.TenantId, ct)).Location(appointment.LocationId)?.TimeZone ?? "UTC";
        return AppointmentActions.Refusal(caller, appointment, action, zone, now);
    }

    public static bool MaySee(Caller? caller, Appointment appointment) => caller switch
    {
        null => false,
        { Role: Role.Patient } => appointment.IsFor(caller),
        { Role: Role.Practitioner } => caller.StaffId == appointment.PractitionerId,
        _ => caller.TenantId == appointment.TenantId,
    };
}
