using MedSpa.Core.Scheduling;

namespace MedSpa.Core.Series;

/// <summary>Checks a series request against the clinic (shape, then that its service, location and patient exist).</summary>
public sealed class PlanTreatmentSeries(Setup.ClinicSetupStore setupReader, Patients.PatientStore patients)
{
    /// <returns>The location's time zone, in which the sessions are planned.</returns>
    public async Task<Result<string>> CheckAsync(string tenantId, SeriesRequest request, CancellationToken ct = default)
    {
        var valid = SeriesPlan.Validate(request);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        var setup = await setupReader.LoadAsync(tenantId, ct);
        var problems = new Dictionary<string, string[]>();
        if (setup.Service(request.ServiceId) is null)
        {
            problems["serviceId"] = ["No such service in this clinic."];
        }

        var location = setup.Location(request.LocationId);
        if (location is null)
        {
            problems["locationId"] = ["No such location in this clinic."];
        }

        if (await patients.GetAsync(tenantId, request.PatientId ?? "", ct) is null)
        {
            problems["patientId"] = ["No such patient in this clinic."];
        }

        return problems.Count > 0 || location is null ? new Error.Invalid(problems) : location.TimeZone;
    }
}
