namespace MedSpa.Core.Patients;

/// <summary>A visit was completed: the patient's record learns its day (for "last visit" on the list and its filter).</summary>
public sealed record VisitCompleted(string TenantId, string AppointmentId) : IDomainEvent;

/// <summary>Keeps <see cref="Patient.LastVisitOn"/>: the latest completed visit's day, never moved back by an older one.</summary>
public sealed class NoteLastVisit(Booking.AppointmentStore appointments, PatientStore patients)
{
    public async Task ForAppointmentAsync(string tenantId, string appointmentId, CancellationToken ct = default)
    {
        if (await appointments.GetAsync(tenantId, appointmentId, ct) is not { Body: { Status: Booking.AppointmentStatus.Completed } visit })
        {
            return;
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await patients.DocumentAsync(tenantId, visit.PatientId, ct) is not { } patient
                || string.CompareOrdinal(patient.Body.LastVisitOn, visit.LocalDate) >= 0)
            {
                return;
            }

            if ((await patients.ReplaceAsync(patient.Body with { LastVisitOn = visit.LocalDate }, patient.ETag, ct)).IsSuccess)
            {
                return;
            }
        }
    }
}
