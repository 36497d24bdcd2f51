using MedSpa.Core.Patients;

namespace MedSpa.Core.Charts;

public sealed record StartChartRequest(string? AppointmentId, string? TemplateId, bool CopyLastMap = false);

/// <summary>
/// Starts a visit's chart from its appointment: the patient, the service and the practitioner come from it, the
/// template's defaults and smart fields (allergies, last treatment, consent on file) are filled in, and for a repeat
/// treatment last visit's map may be copied (points, not lots). One chart per visit and template: starting it again
/// opens the same chart.
/// </summary>
public sealed class StartChart(ChartStore charts, Booking.AppointmentStore appointments, PatientStore patients, ClinicSetupStore setupReader, TimeProvider clock)
{
    public async Task<Result<(Document<Chart> Chart, bool Created)>> StartAsync(Caller caller, StartChartRequest request, CancellationToken ct = default)
    {
        if (caller.Role is not (Role.Admin or Role.Practitioner))
        {
            return caller.Role == Role.FrontDesk ? ChartAccess.Refused : new Error.Forbidden("Only clinicians chart visits.");
        }

        if (string.IsNullOrWhiteSpace(request.AppointmentId) || request.AppointmentId.Length > 100
            || await appointments.GetAsync(caller.TenantId, request.AppointmentId, ct) is not { Body: var appointment })
        {
            return Error.Invalid.Field("appointmentId", "No such appointment in this clinic.");
        }

        if (string.IsNullOrWhiteSpace(request.TemplateId) || await charts.TemplateAsync(caller.TenantId, request.TemplateId, ct) is not { } template)
        {
            return Error.Invalid.Field("templateId", "Choose one of the clinic's chart templates.");
        }

        if (caller.Role == Role.Practitioner && appointment.PractitionerId != caller.StaffId)
        {
            return new Error.Forbidden("Chart your own visits: this one is another practitioner's.");
        }

        if (appointment.Status is Booking.AppointmentStatus.Cancelled or Booking.AppointmentStatus.NoShow)
        {
            return new Error.Conflict("This visit did not take place (cancelled or no-show): there is nothing to chart.");
        }

        var existing = await charts.OfPatientAsync(caller.TenantId, appointment.PatientId, ct);
        var now = clock.GetUtcNow();
        var setup = await setupReader.LoadAsync(caller.TenantId, ct);
        var patient = await patients.GetAsync(caller.TenantId, appointment.PatientId, ct);
        var previous = existing.Select(d => d.Body).Where(c => c.IsClosed && c.VisitStart < appointment.StartTime).ToList();
        var fields = template.Fields.ToDictionary(f => f.Id, f => Smart(f, patient, previous, appointment) ?? f.Default ?? "", StringComparer.Ordinal);
        var lastMap = previous.FirstOrDefault(c => c.Treatment == template.Treatment && c.Map.Points.Count > 0)?.Map;
        var chart = new Chart(
            $"chart-{appointment.Id}-{template.Id}",
            caller.TenantId,
            appointment.PatientId,
            appointment.Id,
            appointment.PractitionerId,
            setup.Member(appointment.PractitionerId)?.DisplayName ?? "Practitioner",
            appointment.ServiceName,
            appointment.StartTime,
            template.Id,
            template.Name,
            template.Treatment,
            template.Diagram,
            fields,
            request.CopyLastMap && lastMap is not null ? lastMap.CopiedForNextVisit() : FaceMap.Empty,
            InternalNotes: null,
            AfterCare: null,
            ChartStatus.Draft,
            Signature: null,
            LockedAt: null,
            LockedBy: null,
            Amendments: [],
            SharedAt: null,
            now,
            now)
        {
            VisitTimeZone = setup.Location(appointment.LocationId)?.TimeZone ?? "UTC",
        };
        return await charts.CreateOnceAsync(chart, ct);
    }

    /// <summary>What a smart field says at the start of the chart; null when it has nothing to say.</summary>
    private static string? Smart(ChartField field, Patient? patient, List<Chart> previous, Booking.Appointment appointment) => field.Smart switch
    {
        SmartField.Allergies => patient is null ? null : patient.Allergies.Count == 0 ? "No known allergies" : string.Join(", ", patient.Allergies),
        SmartField.LastTreatment => previous.Count > 0 && previous[0] is var last
            ? $"{last.TemplateName} on {last.VisitStart:yyyy-MM-dd}" + (last.Map.ByProduct() is { Count: > 0 } used
                ? ": " + string.Join(", ", used.Select(p => p.Units > 0 ? $"{p.Product} {p.Units:0.##} units" : $"{p.Product} {p.Millilitres:0.##} ml"))
                : "")
            : "First treatment here",
        SmartField.ConsentStatus => appointment.MissingForms.Where(f => f.IsConsent).Select(f => f.Name).ToList() is { Count: > 0 } missing
            ? "Missing: " + string.Join(", ", missing)
            : "On file",
        _ => null,
    };
}
