namespace MedSpa.Core.Booking;

/// <summary>
/// What an appointment puts in the patient's own calendar (the .ics they add): the treatment's name, the clinic, where
/// and when, and nothing else about them — no notes, no names, no check-in code (a calendar is synced to other services).
/// Times are instants; the file writes them in UTC, so daylight-saving changes cannot be mis-described.
/// </summary>
/// <param name="Uid">Stable for the life of the appointment, so adding it again updates the same event.</param>
/// <param name="Sequence">Goes up with every change the appointment records (a reschedule, a cancellation).</param>
/// <param name="Stamp">When the appointment was last changed.</param>
/// <param name="Status"><c>CONFIRMED</c>, <c>TENTATIVE</c> while held, or <c>CANCELLED</c>.</param>
public sealed record AppointmentCalendarEntry(
    string Uid,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Summary,
    string? Location,
    string Description,
    string Status,
    int Sequence,
    DateTimeOffset Stamp)
{
    public static AppointmentCalendarEntry For(Appointment appointment, ClinicSetup setup, string? clinicName)
    {
        var location = setup.Locations.FirstOrDefault(l => l.Id == appointment.LocationId);
        var practitioner = setup.Member(appointment.PractitionerId)?.DisplayName;
        var clinic = string.IsNullOrWhiteSpace(clinicName) ? location?.Name : clinicName;
        var place = location is null ? null : string.Join(", ", new[] { location.Name, AddressLine(location.Address) }.Where(s => !string.IsNullOrEmpty(s)));
        return new AppointmentCalendarEntry(
            $"{appointment.Id}@{appointment.TenantId}.medspa",
            appointment.StartTime.ToUniversalTime(),
            appointment.EndTime.ToUniversalTime(),
            clinic is null ? appointment.ServiceName : $"{appointment.ServiceName} at {clinic}",
            place,
            (practitioner is null ? "" : $"With {practitioner}. ") + "To reschedule or cancel, open My appointments.",
            appointment.Status switch
            {
                AppointmentStatus.Cancelled or AppointmentStatus.NoShow => "CANCELLED",
                AppointmentStatus.PendingDeposit or AppointmentStatus.PendingApproval => "TENTATIVE",
                _ => "CONFIRMED",
            },
            Math.Max(0, appointment.History.Count - 1),
            appointment.ModifiedAt.ToUniversalTime());
    }

    /// <summary>
    /// The same visit in its practitioner's subscribed calendar: where and when, "Booked" — or, when the clinic allows
    /// patient names in feeds, the treatment and the patient's name. Nothing else (no notes, no contact details).
    /// </summary>
    public static AppointmentCalendarEntry ForPractitioner(Appointment appointment, ClinicSetup setup, bool showPatientName)
    {
        var patientEntry = For(appointment, setup, null);
        return patientEntry with
        {
            Summary = showPatientName ? $"{appointment.ServiceName}: {appointment.PatientName}" : "Booked",
            Location = setup.Locations.FirstOrDefault(l => l.Id == appointment.LocationId)?.Name,
            Description = "",
        };
    }

    /// <summary>One line a person (and a maps search) reads: "10 Prince St, New York, NY 10012, US".</summary>
    public static string? AddressLine(Address? address)
    {
        if (address is null)
        {
            return null;
        }

        var regionAndCode = string.Join(' ', new[] { address.Region, address.PostalCode }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var parts = new[] { address.Line1, address.Line2, address.City, regionAndCode, address.Country }.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray();
        return parts.Length == 0 ? null : string.Join(", ", parts);
    }
}
