namespace MedSpa.Core.Forms;

/// <summary>
/// Keeps each upcoming visit's <see cref="Booking.Appointment.MissingForms"/> true after the patient hands a form in,
/// so the calendar's badge goes away without anybody reloading anything by hand.
/// </summary>
public sealed class RefreshMissingForms(FormRequirements requirements, Booking.AppointmentStore appointments, ClinicSetupStore setupReader, TimeProvider clock)
{
    public async Task ForPatientAsync(string tenantId, string patientId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var setup = await setupReader.LoadAsync(tenantId, ct);
        var onFile = await requirements.OnFileAsync(tenantId, patientId, ct);
        foreach (var visit in (await appointments.PatientDocumentsAsync(tenantId, patientId, ct)).Where(a => a.Body.HoldsTime && a.Body.EndTime > now))
        {
            await RefreshAsync(visit, setup, onFile, ct);
        }
    }

    private async Task RefreshAsync(Document<Booking.Appointment> visit, ClinicSetup setup, FormsOnFile onFile, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var appointment = visit.Body;
            var missing = setup.Service(appointment.ServiceId) is { } service ? onFile.MissingFor(service, appointment.StartTime) : [];
            if (!appointment.NoteMissingForms(missing))
            {
                return;
            }

            try
            {
                await appointments.SaveAsync(appointment, visit.ETag, ct);
                return;
            }
            catch (DocumentStaleException)
            {
                // Changed meanwhile (checked in, moved): look at it as it is now.
                if (await appointments.GetAsync(appointment.TenantId, appointment.Id, ct) is not { } fresh)
                {
                    return;
                }

                visit = fresh;
            }
        }
    }
}
