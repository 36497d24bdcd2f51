namespace MedSpa.Core.Patients;

/// <summary>
/// The appointments tab of a patient's card: upcoming, past and cancelled, with no-shows and late cancellations
/// counted. Whoever may open the record may read it (<see cref="PatientAccess"/>).
/// </summary>
public sealed class ReadPatientAppointments(PatientStore patients, PatientAccess access, Booking.AppointmentStore appointments, TimeProvider clock)
{
    public async Task<Result<Booking.PatientAppointments>> ReadAsync(Caller caller, string id, CancellationToken ct = default)
    {
        if (await patients.DocumentAsync(caller.TenantId, id, ct) is not { } patient)
        {
            return PatientAccess.NotFound(id);
        }

        if (await access.CheckReadAsync(caller, patient.Body, ct) is { } refused)
        {
            return refused;
        }

        return Booking.PatientAppointments.Of(await appointments.PatientDocumentsAsync(caller.TenantId, id, ct), clock.GetUtcNow());
    }
}
